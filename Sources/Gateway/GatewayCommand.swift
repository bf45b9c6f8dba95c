import ArgumentParser
import Codecs
import ServiceLifecycle
import TrackwireRuntime

/// `tw-gateway`: accepts device connections in their vendors' protocols, acks them, and pushes
/// their frames onto the bus.
public struct GatewayCommand: StageCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tw-gateway",
        abstract: "Accepts GPS tracker connections (TCP, UDP, HTTP), acks them and pushes raw frames to the bus."
    )
    public static let stageName = "gateway"
    public static let defaultHTTPAddress = "127.0.0.1:9101"

    @OptionGroup public var runtime: RuntimeOptions

    @Option(help: "Listeners as protocol:transport:port, comma-separated (env TW_LISTEN; default: every protocol on Traccar's ports).")
    var listen = EnvironmentDefaults.string("TW_LISTEN", ListenerSpec.defaults.map(\.description).joined(separator: ","))
    @Option(help: "Only these protocols of the listener list, comma-separated (env TW_PROTOCOLS; default: all).")
    var protocols = EnvironmentDefaults.string("TW_PROTOCOLS", "")
    @Option(help: "Address device listeners bind (env TW_LISTEN_HOST).")
    var listenHost = EnvironmentDefaults.string("TW_LISTEN_HOST", "0.0.0.0")
    @Option(name: .customLong("option"), help: "Decoder option for one protocol's listeners, protocol.Key=Value; repeatable (env TW_OPTIONS, comma-separated).")
    var codecOptions: [String] = EnvironmentDefaults.list("TW_OPTIONS", [])
    @Option(help: "Where frames are pushed (env TW_FRAMES; default: the bus's frames-in).")
    var frames = EnvironmentDefaults.raw("TW_FRAMES") ?? ""
    @Flag(inversion: .prefixedNo, help: "Send each device's frames to one of the --frames endpoints, chosen by its partition (decoders sharded, docs/architecture.md) (env TW_FRAMES_BY_PARTITION).")
    var framesByPartition = EnvironmentDefaults.bool("TW_FRAMES_BY_PARTITION", false)
    @Option(help: "Where raw.* copies and ses.* are published (env TW_PUBLISH; default: the bus's broadcast-in).")
    var publish = EnvironmentDefaults.raw("TW_PUBLISH") ?? ""
    @Option(help: "Where ses.* records are queued for storage (env TW_STORE; default: the bus's store-in).")
    var store = EnvironmentDefaults.raw("TW_STORE") ?? ""
    @Option(help: "Where cmd.* downlink commands are received (env TW_COMMANDS; default: the bus's broadcast-out).")
    var commands = EnvironmentDefaults.raw("TW_COMMANDS") ?? ""
    @Option(help: "Largest device frame in bytes (env TW_MAX_FRAME_SIZE).")
    var maxFrameSize = EnvironmentDefaults.int("TW_MAX_FRAME_SIZE", 65_536)
    @Option(help: "Close a device connection silent for this long, and end UDP and HTTP device sessions (offline) after it, e.g. 10m (env TW_IDLE_TIMEOUT).")
    var idleTimeout = EnvironmentDefaults.string("TW_IDLE_TIMEOUT", "10m")
    @Option(help: "Close a TCP connection that has not identified its device within this time, e.g. 30s (env TW_LOGIN_TIMEOUT).")
    var loginTimeout = EnvironmentDefaults.string("TW_LOGIN_TIMEOUT", "30s")
    @Option(help: "Most simultaneous device connections (env TW_MAX_CONNECTIONS).")
    var maxConnections = EnvironmentDefaults.int("TW_MAX_CONNECTIONS", 10_000)
    @Option(help: "Close a connection after this many bad frames (env TW_MAX_BAD_FRAMES).")
    var maxBadFrames = EnvironmentDefaults.int("TW_MAX_BAD_FRAMES", 5)
    @Option(help: "Frames failing a CRC/checksum check: flag (forward them marked checksum_ok=false and counted, as Traccar forwards them) or enforce (drop unacked with an err.gateway reject; the device resends) (env TW_CHECKSUMS).")
    var checksums = EnvironmentDefaults.string("TW_CHECKSUMS", "flag")
    @Option(help: "When devices are acked: durable (once storage committed what the frame became) or receipt (once the frame is queued on the bus: faster, but a crash loses what was acked) (env TW_ACK).")
    var ack = EnvironmentDefaults.string("TW_ACK", "durable")
    @Option(help: "Durable acks: a frame not confirmed by storage within this time gets no ack; its TCP connection is closed so the device resends, an HTTP request gets 503 (env TW_ACK_TIMEOUT).")
    var ackTimeout = EnvironmentDefaults.string("TW_ACK_TIMEOUT", "30s")
    @Option(help: "Durable acks: most frames of one connection waiting for their commit; then the gateway stops reading it (env TW_ACK_WINDOW).")
    var ackWindow = EnvironmentDefaults.int("TW_ACK_WINDOW", 64)
    @Option(help: "Which devices are accepted: open, 'register REGEX' (ids matching it) or 'allow-list FILE' (one id a line); others get no ack, an err.gateway reject and their connection closed, and an address that keeps trying is throttled (env TW_DEVICES).")
    var devices = EnvironmentDefaults.string("TW_DEVICES", "open")

    public init() {}

    /// The listeners to bind, after `--protocols` filtering.
    func listenerSpecs() throws -> [ListenerSpec] {
        let all = try ListenerSpec.parseList(listen)
        let wanted = Set(protocols.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
        return wanted.isEmpty ? all : all.filter { wanted.contains($0.protocolName) }
    }

    /// `--option gt06.ModelOverride=VL103` → `["gt06": ["ModelOverride": "VL103"]]`.
    func optionsByProtocol() throws -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        for entry in codecOptions {
            guard let dot = entry.firstIndex(of: "."), let eq = entry.firstIndex(of: "="), dot < eq else {
                throw ConfigurationError("--option '\(entry)' must be protocol.Key=Value")
            }
            result[String(entry[..<dot]), default: [:]][String(entry[entry.index(after: dot)..<eq])] = String(entry[entry.index(after: eq)...])
        }
        for (name, values) in result {
            guard let descriptor = CodecRegistry.descriptor(named: name) else {
                throw ConfigurationError("--option names '\(name)', which is not a known protocol")
            }
            do {
                try descriptor.validate(options: values)
            } catch {
                throw ConfigurationError("--option \(name): \(error)")
            }
        }
        return result
    }

    func limits() throws -> GatewayLimits {
        guard let idle = ConfigDuration(idleTimeout), idle.milliseconds > 0 else {
            throw ConfigurationError("--idle-timeout '\(idleTimeout)' is not a duration like 10m")
        }
        guard maxFrameSize >= 64, maxConnections > 0, maxBadFrames > 0 else {
            throw ConfigurationError("--max-frame-size (≥ 64), --max-connections and --max-bad-frames (> 0) must be positive")
        }
        // `ignore` is what `flag` was called before forwarded frames were marked.
        guard let policy = ChecksumPolicy(rawValue: checksums == "ignore" ? "flag" : checksums) else {
            throw ConfigurationError("--checksums '\(checksums)' must be flag or enforce")
        }
        guard let mode = AckMode(rawValue: ack) else { throw ConfigurationError("--ack '\(ack)' must be durable or receipt") }
        let timeout = try ConfigDuration(ackTimeout, flag: "--ack-timeout", example: "30s")
        guard timeout.milliseconds > 0, ackWindow > 0 else { throw ConfigurationError("--ack-timeout and --ack-window must be positive") }
        var limits = GatewayLimits()
        limits.checksums = policy
        limits.ackMode = mode
        limits.ackTimeoutMs = timeout.milliseconds
        limits.ackWindow = ackWindow
        limits.maxFrameSize = maxFrameSize
        limits.idleTimeoutMs = idle.milliseconds
        limits.maxConnections = maxConnections
        limits.maxBadFrames = maxBadFrames
        limits.admission = try DeviceAdmission(parsing: devices)
        let login = try ConfigDuration(loginTimeout, flag: "--login-timeout", example: "30s")
        guard login.milliseconds > 0 else { throw ConfigurationError("--login-timeout must be positive") }
        limits.loginTimeoutMs = login.milliseconds
        return limits
    }

    var endpoints: GatewayEndpoints {
        let bus = runtime.busEndpoints
        return GatewayEndpoints(
            frames: frames.isEmpty ? bus.framesIn : frames, publish: publish.isEmpty ? bus.broadcastIn : publish,
            store: store.isEmpty ? bus.storeIn : store, commands: commands.isEmpty ? bus.broadcastOut : commands,
            framesByPartition: framesByPartition
        )
    }

    public func checkConfiguration() throws {
        let specs = try listenerSpecs()
        guard !specs.isEmpty else { throw ConfigurationError("no listeners: --listen/--protocols leave nothing to serve") }
        for spec in specs where CodecRegistry.codec(named: spec.protocolName) == nil {
            throw ConfigurationError("--listen names '\(spec.protocolName)', which is not a known protocol (\(CodecRegistry.all.keys.sorted().joined(separator: ", ")))")
        }
        _ = try optionsByProtocol()
        _ = try limits()
    }

    public func makeServices(_ context: StageContext) async throws -> [any Service] {
        [GatewayService(context: context, listeners: try listenerSpecs(), options: try optionsByProtocol(),
                        limits: try limits(), host: listenHost, endpoints: endpoints)]
    }
}
