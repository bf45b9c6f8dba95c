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
    private let checks = Mutex<[@Sendable () -> (name: String, status: HealthStatus)]>([])
    /// The bus sockets' connection monitors; `nil` unless `monitorsBusConnections`.
    private let connections: BusConnections?

    /// `monitorsBusConnections` (what `StageMain` asks for) monitors every socket made with
    /// `socket(_:endpoints:)` that connects over the network and adds the `bus` health check;
    /// such a context is then shut down with `shutdown()`.
    public init(
        stage: String, options: RuntimeOptions, logger: Logger? = nil,
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), httpListenAddress: String? = nil,
        monitorsBusConnections: Bool = false
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
        let zmq = try Context()
        self.zmq = zmq
        connections = monitorsBusConnections ? BusConnections(zmq: zmq) : nil
        if let connections { addHealthCheck("bus") { connections.status() } }
    }

    /// Ends the ZeroMQ context: every blocking call returns `.terminated`, the connection monitors
    /// close, and (once the stage's loops closed their sockets) the context is destroyed.
    public func shutdown() {
        zmq.shutdown()
        connections?.closeAll()
        zmq.terminate()
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
            try connections?.watch(socket, type: type, endpoints: parsed)
            try socket.attach(parsed)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Adds a named check to /healthz: a failing one makes it answer 503 with the reason in
    /// `reasons.<name>`, and puts `name: reason` into the heartbeats (`tw status`).
    public func addHealthCheck(_ name: String, _ check: @escaping @Sendable () -> HealthStatus) {
        checks.withLock { $0.append { (name, check()) } }
    }

    /// Adds a check that says only whether it passes (no reason to give).
    public func addHealthCheck(_ check: @escaping @Sendable () -> (String, Bool)) {
        checks.withLock {
            $0.append {
                let (name, healthy) = check()
                return (name, HealthStatus(healthy, otherwise: "failing"))
            }
        }
    }

    /// Every check's current answer, in the order they were added.
    public func healthChecks() -> [(name: String, status: HealthStatus)] {
        checks.withLock { $0 }.map { $0() }
    }

    /// The current health, as /healthz reports it: `checks` (name: passes) and, for failing
    /// checks, `reasons` (name: why).
    public func health() -> (healthy: Bool, json: [String: Any]) {
        let checks = healthChecks()
        let healthy = checks.allSatisfy(\.status.isOK)
        var json: [String: Any] = [
            "status": healthy ? "ok" : "unhealthy",
            "stage": stage,
            "instance": instance,
            "pid": Int(getpid()),
            "uptime_s": Date().timeIntervalSince(startedAt),
        ]
        json["checks"] = Dictionary(checks.map { ($0.name, $0.status.isOK) }, uniquingKeysWith: { $1 })
        json["reasons"] = Dictionary(checks.compactMap { check in check.status.reason.map { (check.name, $0) } }, uniquingKeysWith: { $1 })
        return (healthy, json)
    }
}
