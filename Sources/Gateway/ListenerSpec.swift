import Codecs
import TrackwireProtocol

/// One listener: a protocol on a transport and port (`gt06:tcp:5023`).
public struct ListenerSpec: Sendable, Equatable, CustomStringConvertible {
    public var protocolName: String
    public var transport: Transport
    public var port: Int

    public init(protocolName: String, transport: Transport, port: Int) {
        self.protocolName = protocolName
        self.transport = transport
        self.port = port
    }

    public var description: String { "\(protocolName):\(transport.name):\(port)" }

    /// Every protocol on its default port (Traccar's), once per transport it uses, as the
    /// protocols' descriptors declare them.
    public static let defaults: [ListenerSpec] = CodecRegistry.descriptors.flatMap { descriptor in
        descriptor.transports.map { ListenerSpec(protocolName: descriptor.name, transport: $0, port: descriptor.defaultPort) }
    }

    /// Parses `proto:transport:port[,...]`; throws a message naming the bad entry.
    public static func parseList(_ text: String) throws -> [ListenerSpec] {
        try text.split(separator: ",").map { entry in
            let parts = entry.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, let port = Int(parts[2]), (0...65535).contains(port) else {
                throw ListenerSpecError("'\(entry)' is not protocol:transport:port (e.g. gt06:tcp:5023)")
            }
            let transport: Transport
            switch parts[1] {
            case "tcp": transport = .tcp
            case "udp": transport = .udp
            case "http": transport = .http
            default: throw ListenerSpecError("'\(entry)': transport must be tcp, udp or http")
            }
            return ListenerSpec(protocolName: parts[0], transport: transport, port: port)
        }
    }
}

/// A listener list that cannot be used.
public struct ListenerSpecError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
