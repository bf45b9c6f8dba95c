import TrackwireProtocol

/// What a device protocol says about itself: its name, where the gateway listens for it by
/// default, the options it understands, the commands it can encode and the simulated device that
/// speaks it. Each protocol folder declares one (`<Name>Descriptor.swift`); the registry, the
/// gateway's default listeners, `tw sim`, `tw decode`, the deploy files and the protocol tables in
/// the docs are derived from these (docs/adding-a-protocol.md).
public struct ProtocolDescriptor: Sendable {
    /// The name in topics, configuration and frames: `gt06`, `teltonika`, ...
    public var name: String
    /// A human name with the device families it covers (`GT06 / Concox`).
    public var title: String
    /// Traccar's default port for the protocol; every transport listens on it.
    public var defaultPort: Int
    /// The transports devices use, the primary one first (`tcp` for most, `http` for OsmAnd).
    public var transports: [Transport]
    /// The decoder and encoder options a listener may set (`--option gt06.ModelOverride=VL103`).
    public var options: [CodecOption]
    /// The command types (`Command.type`) the codec can encode, empty when it takes no commands.
    public var commandTypes: [String]
    /// Makes the device side of the protocol for `tw sim`; `host` is where it connects.
    public var simulator: (@Sendable (_ host: String) -> any SimulatedProtocol)?

    /// A descriptor; every field is given so a protocol's file reads as its data sheet.
    public init(
        name: String, title: String, defaultPort: Int, transports: [Transport], options: [CodecOption],
        commandTypes: [String], simulator: (@Sendable (_ host: String) -> any SimulatedProtocol)?
    ) {
        precondition(!transports.isEmpty, "\(name): a protocol needs a transport")
        self.name = name
        self.title = title
        self.defaultPort = defaultPort
        self.transports = transports
        self.options = options
        self.commandTypes = commandTypes
        self.simulator = simulator
    }

    /// Where the protocol's wire facts are written down, relative to the repository root.
    public var wireFactsPath: String { "docs/protocols/\(name).md" }

    /// The declared option with this key (keys match case-insensitively), if any.
    public func option(_ key: String) -> CodecOption? {
        options.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }
    }

    /// Checks listener options against the declarations: every key known, every value of its kind.
    public func validate(options values: [String: String]) throws(CodecOptionError) {
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let option = option(key) else {
                let known = options.map(\.key).joined(separator: ", ")
                throw CodecOptionError("\(name) has no option '\(key)' (known: \(known.isEmpty ? "none" : known))")
            }
            if let problem = option.problem(with: value) { throw CodecOptionError("\(name).\(option.key)=\(value): \(problem)") }
        }
    }
}
