import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Logging
import ZMQ

/// Options every Trackwire process takes (docs/architecture.md, "Configuration"). Each is a flag and a `TW_*` variable.
public struct RuntimeOptions: ParsableArguments, Sendable {
    public init() {}

    @Option(help: "This process's instance name in heartbeats and metrics (env TW_INSTANCE; default: host-pid).")
    public var instance: String = EnvironmentDefaults.string("TW_INSTANCE", Self.defaultInstance)

    @Option(help: "The tw-bus to join: host, or host:baseport (default ports 7100-7105); every bus endpoint defaults from it. Several buses, comma-separated (a,b): every socket connects to each, and subscribers drop the repeats. tw-bus binds those ports itself, on that address (a host name: every interface; one address only) (env TW_BUS).")
    public var bus: String = EnvironmentDefaults.string("TW_BUS", "127.0.0.1")

    @Option(name: .customLong("http"), help: "host:port for /metrics and /healthz; port 0 picks a free one; 'off' disables (env TW_HTTP).")
    public var httpAddress: String?

    @Option(help: "Close an HTTP connection (/metrics, the storage API, tw-push, the gateway's OsmAnd port) whose request is not complete within this time of opening or of its previous answer, e.g. 30s; keeps slow senders from holding connections (env TW_HTTP_READ_TIMEOUT).")
    public var httpReadTimeout: String = EnvironmentDefaults.string("TW_HTTP_READ_TIMEOUT", "30s")

    /// `--http-read-timeout` in milliseconds (validated positive).
    public var httpReadTimeoutMs: Int64 { ConfigDuration(httpReadTimeout)?.milliseconds ?? 30_000 }

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (env TW_LOG_LEVEL).")
    public var logLevel: String = EnvironmentDefaults.string("TW_LOG_LEVEL", "info")

    @Option(help: "Log format: text or json (env TW_LOG_FORMAT).")
    public var logFormat: String = EnvironmentDefaults.string("TW_LOG_FORMAT", "text")

    @Option(help: "Send high-water mark of every bus socket, in messages (env TW_SNDHWM).")
    public var sndhwm: Int = EnvironmentDefaults.int("TW_SNDHWM", 10_000)

    @Option(help: "Receive high-water mark of every bus socket, in messages (env TW_RCVHWM).")
    public var rcvhwm: Int = EnvironmentDefaults.int("TW_RCVHWM", 10_000)

    @Option(help: "How long closing a socket may wait to flush, e.g. 2s (env TW_LINGER).")
    public var linger: String = EnvironmentDefaults.string("TW_LINGER", "2s")

    @Option(help: "ZMTP heartbeat interval on bus connections, e.g. 1s; 0 (default) is off: a heartbeat takes a back-pressured peer for dead and loses what was queued for it (env TW_ZMQ_HEARTBEAT).")
    public var zmqHeartbeat: String = EnvironmentDefaults.string("TW_ZMQ_HEARTBEAT", "0")

    @Option(help: "TCP keepalive on bus connections: idle time before the first probe, e.g. 10s (4 probes 5 s apart follow); 0 is off. Finds peers whose host is gone without mistaking a busy one for dead (env TW_TCP_KEEPALIVE).")
    public var tcpKeepalive: String = EnvironmentDefaults.string("TW_TCP_KEEPALIVE", "10s")

    @Option(help: "CURVE: the bus server's public key (Z85); enables encryption as a client (env TW_CURVE_SERVER_KEY).")
    public var curveServerKey: String = EnvironmentDefaults.string("TW_CURVE_SERVER_KEY", "")

    @Option(help: "CURVE: this process's public key (env TW_CURVE_PUBLIC_KEY).")
    public var curvePublicKey: String = EnvironmentDefaults.string("TW_CURVE_PUBLIC_KEY", "")

    @Option(help: "CURVE: this process's secret key (env TW_CURVE_SECRET_KEY).")
    public var curveSecretKey: String = EnvironmentDefaults.string("TW_CURVE_SECRET_KEY", "")

    @Flag(name: .customLong("validate"), help: "Check the configuration and exit (0 if valid, 2 with one line if not).")
    public var validateOnly = false

    static var defaultInstance: String {
        "\(ProcessInfo.processInfo.hostName.split(separator: ".").first ?? "host")-\(getpid())"
    }

    public mutating func validate() throws {
        if let problem = EnvironmentDefaults.recordedProblems.first { throw ValidationError(problem) }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level '\(logLevel)' is not one of trace, debug, info, notice, warning, error, critical")
        }
        guard ["text", "json"].contains(logFormat) else {
            throw ValidationError("--log-format '\(logFormat)' must be text or json")
        }
        guard sndhwm >= 0, rcvhwm >= 0 else { throw ValidationError("high-water marks must be 0 (unlimited) or more") }
        guard let read = ConfigDuration(httpReadTimeout), read.milliseconds > 0 else {
            throw ValidationError("--http-read-timeout '\(httpReadTimeout)' is not a positive duration like 10s")
        }
        guard ConfigDuration(linger) != nil else { throw ValidationError("--linger '\(linger)' is not a duration like 2s") }
        guard ConfigDuration(zmqHeartbeat) != nil else { throw ValidationError("--zmq-heartbeat '\(zmqHeartbeat)' is not a duration like 1s (0 is off)") }
        guard let keepalive = ConfigDuration(tcpKeepalive), keepalive.milliseconds == 0 || keepalive.milliseconds >= 1000 else {
            throw ValidationError("--tcp-keepalive '\(tcpKeepalive)' is not a duration of at least 1s, like 10s (0 is off)")
        }
        guard !instance.isEmpty, !instance.contains("."), !instance.contains(" ") else {
            throw ValidationError("--instance '\(instance)' must be a non-empty word without dots or spaces")
        }
        let keys = [curveServerKey, curvePublicKey, curveSecretKey].filter { !$0.isEmpty }
        guard keys.allSatisfy(CurveKeys.isValid) else { throw ValidationError("CURVE keys are 40-character Z85 text (tw keygen)") }
        guard curvePublicKey.isEmpty == curveSecretKey.isEmpty else {
            throw ValidationError("CURVE needs both --curve-public-key and --curve-secret-key (TW_CURVE_PUBLIC_KEY, TW_CURVE_SECRET_KEY)")
        }
        guard curveServerKey.isEmpty || !curvePublicKey.isEmpty else {
            throw ValidationError("CURVE: --curve-server-key needs this process's own pair too (--curve-public-key, --curve-secret-key)")
        }
        if !curveSecretKey.isEmpty, CurveKeys.publicKey(forSecret: curveSecretKey) != curvePublicKey {
            throw ValidationError("CURVE: --curve-public-key is not the public key of --curve-secret-key (use one pair from tw keygen)")
        }
    }

    /// Checks the CURVE role: a client (every stage and `tw`) with a pair needs the bus's public
    /// key; only a CURVE server (tw-bus) uses its pair alone.
    public func checkCurve(isServer: Bool) throws {
        guard !isServer, !curvePublicKey.isEmpty, curveServerKey.isEmpty else { return }
        throw ConfigurationError("CURVE: a key pair needs --curve-server-key (TW_CURVE_SERVER_KEY), the bus's public key")
    }

    /// This process's own CURVE pair, when one is configured.
    public var curvePair: CurveKeyPair? {
        curvePublicKey.isEmpty ? nil : CurveKeyPair(publicKey: curvePublicKey, secretKey: curveSecretKey)
    }

    /// The socket options every bus socket of this process gets.
    public var socketOptions: SocketOptions {
        SocketOptions().with {
            $0.sendHighWaterMark = Int32(clamping: sndhwm)
            $0.receiveHighWaterMark = Int32(clamping: rcvhwm)
            $0.lingerMs = Int32(clamping: ConfigDuration(linger)?.milliseconds ?? 2000)
            let heartbeat = Int32(clamping: ConfigDuration(zmqHeartbeat)?.milliseconds ?? 0)
            $0.heartbeatIntervalMs = heartbeat
            $0.heartbeatTimeoutMs = heartbeat * 5
            $0.tcpKeepaliveIdleS = Int32(clamping: (ConfigDuration(tcpKeepalive)?.milliseconds ?? 10_000) / 1000)
            if !curveServerKey.isEmpty {
                let (server, pub, secret) = (curveServerKey, curvePublicKey, curveSecretKey)
                $0.curve = .client(serverKey: server, publicKey: pub, secretKey: secret)
            }
        }
    }

    /// The bus endpoints this process uses unless a stage flag overrides one.
    public var busEndpoints: BusEndpoints { BusEndpoints(address: bus) }

    /// The /metrics address, from `--http`, `TW_HTTP` or the stage's default; `nil` if off.
    public func metricsAddress(default stageDefault: String) -> String? {
        let value = httpAddress ?? EnvironmentDefaults.string("TW_HTTP", stageDefault)
        return value == "off" ? nil : value
    }
}

/// The well-known ports of the bus (docs/architecture.md, "The bus"): the base port (7100) and the
/// five after it, on one host or, for a pipeline with several buses, on each of them.
public struct BusEndpoints: Sendable, Equatable {
    /// One bus: its host and its broadcast-in port.
    public struct Address: Sendable, Equatable {
        public var host: String
        public var basePort: Int
    }

    /// Every bus, in the order given; the first is the one tw-bus binds (`bound`).
    public var addresses: [Address]

    /// The first bus's host.
    public var host: String { addresses[0].host }
    /// The first bus's base port.
    public var basePort: Int { addresses[0].basePort }

    /// The endpoints of a bus on `host` whose broadcast-in port is `basePort`.
    public init(host: String, basePort: Int = 7100) {
        addresses = [Address(host: host, basePort: basePort)]
    }

    /// Parses `--bus`: `host` or `host:baseport` (so several pipelines can share one host), or a
    /// comma-separated list of them: a stage then connects every socket to every bus.
    public init(address: String) {
        let parts = address.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        addresses = (parts.isEmpty ? [address] : parts).map(Self.parseOne)
    }

    private static func parseOne(_ address: String) -> Address {
        if let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]) {
            return Address(host: String(address[..<colon]), basePort: port)
        }
        return Address(host: address, basePort: 7100)
    }

    /// Several buses: every stage socket connects to each, and subscribers drop the repeats.
    public var isRedundant: Bool { addresses.count > 1 }

    private func endpoint(_ offset: Int) -> String {
        addresses.map { ">tcp://\($0.host):\($0.basePort + offset)" }.joined(separator: ",")
    }

    /// Where tw-bus itself binds the channel `offset` ports after the base (0 broadcast-in ... 5
    /// store-out): `@tcp://<bindInterface>:<port>`.
    public func bound(_ offset: Int) -> String { "@tcp://\(bindInterface):\(basePort + offset)" }

    /// The interface tw-bus binds: the host when it is an IP address (`127.0.0.1`, the default,
    /// keeps the bus on loopback; `0.0.0.0` is every interface) or `*`; `localhost` is 127.0.0.1.
    /// Any other name is how the stages reach the bus (a container's service name), not an
    /// address of its own, so the bus then binds every interface.
    public var bindInterface: String {
        if host == "localhost" { return "127.0.0.1" }
        if host == "*" || Self.isIPAddress(host) { return host }
        return "*"
    }

    private static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        return inet_pton(AF_INET, bare, &v4) == 1 || inet_pton(AF_INET6, bare, &v6) == 1
    }

    /// Producers publish here (XSUB).
    public var broadcastIn: String { endpoint(0) }
    /// Consumers subscribe here (XPUB).
    public var broadcastOut: String { endpoint(1) }
    /// Gateways push frames here.
    public var framesIn: String { endpoint(2) }
    /// Decoders pull frames here.
    public var framesOut: String { endpoint(3) }
    /// Decoders and geofence push records to store here.
    public var storeIn: String { endpoint(4) }
    /// Storage writers pull records here.
    public var storeOut: String { endpoint(5) }
}
