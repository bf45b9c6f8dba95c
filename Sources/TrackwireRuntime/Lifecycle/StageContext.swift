import Foundation
import Logging
import Prometheus
import Synchronization
import ZMQ

/// What every stage of one process shares: its identity, logger, ZeroMQ context, counters and
/// options. Made by `StageMain`; tests make their own.
public final class StageContext: Sendable {
    public let stage: String
    public let instance: String
    public let logger: Logger
    public let zmq: Context
    public let counters: StageCounters
    public let options: RuntimeOptions
    public let startedAt = Date()
    /// The process's Prometheus registry (what /metrics emits).
    public let registry: PrometheusCollectorRegistry
    /// Where the process's HTTP server should listen (`--http`, `TW_HTTP` or the stage default);
    /// `nil` when HTTP is off.
    public let httpListenAddress: String?
    /// The address the metrics server actually bound, once it has.
    public let httpAddress = Mutex<String>("")
    private let healthChecks = Mutex<[@Sendable () -> (String, Bool)]>([])

    public init(
        stage: String, options: RuntimeOptions, logger: Logger? = nil,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), httpListenAddress: String? = nil
    ) throws {
        self.stage = stage
        self.registry = registry
        self.httpListenAddress = httpListenAddress
        self.instance = options.instance
        self.options = options
        self.counters = StageCounters(stage: stage)
        var logger = logger ?? Logger(label: "trackwire.\(stage)")
        logger[metadataKey: "stage"] = "\(stage)"
        logger[metadataKey: "instance"] = "\(options.instance)"
        self.logger = logger
        self.zmq = try Context()
    }

    /// A socket with this process's bus options, bound or connected per `endpoints` (CZMQ
    /// notation; entries without `@`/`>` connect).
    public func socket(_ type: SocketType, endpoints: String, tweak: (inout SocketOptions) -> Void = { _ in }) throws -> Socket {
        let parsed: Endpoints
        do {
            parsed = try Endpoints(endpoints, defaultAction: .connect)
        } catch {
            throw ConfigurationError(error.description)
        }
        let socket = try zmq.socket(type, options: options.socketOptions.with(tweak))
        do {
            try socket.attach(parsed)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Adds a named check to /healthz (false makes it answer 503).
    public func addHealthCheck(_ check: @escaping @Sendable () -> (String, Bool)) {
        healthChecks.withLock { $0.append(check) }
    }

    /// The current health, as /healthz reports it.
    public func health() -> (healthy: Bool, json: [String: Any]) {
        let checks = healthChecks.withLock { $0 }.map { $0() }
        let healthy = checks.allSatisfy(\.1)
        var json: [String: Any] = [
            "status": healthy ? "ok" : "unhealthy",
            "stage": stage,
            "instance": instance,
            "pid": Int(getpid()),
            "uptime_s": Date().timeIntervalSince(startedAt),
        ]
        json["checks"] = Dictionary(checks.map { ($0.0, $0.1) }, uniquingKeysWith: { $1 })
        return (healthy, json)
    }
}
