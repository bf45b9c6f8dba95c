import Foundation
import ServiceLifecycle
import TrackwireProtocol
import ZMQ

/// Publishes `hb.<stage>.<instance>` on the broadcast channel once a second, with the process's
/// counters, gauges and failing health checks, so `tw status` and `tw top` can see them. (Making
/// a heartbeat runs the health checks, which also reads the bus connection monitors' events.)
public struct HeartbeatPublisher: Service {
    let context: StageContext
    let endpoints: String
    let interval: Duration
    /// Extra counters a stage computes at send time (e.g. the bus's proxy statistics).
    let extraCounters: @Sendable () -> [String: UInt64]

    public init(
        context: StageContext, endpoints: String, interval: Duration = .seconds(1),
        extraCounters: @escaping @Sendable () -> [String: UInt64] = { [:] }
    ) {
        self.context = context
        self.endpoints = endpoints
        self.interval = interval
        self.extraCounters = extraCounters
    }

    public func run() async throws {
        let socket = try context.socket(.pub, endpoints: endpoints)
        defer { socket.close() }
        let topic = Topic.heartbeat(stage: context.stage, instance: context.instance)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            // PUB never blocks: with nobody subscribed, or at the HWM, the heartbeat is dropped.
            try socket.send(topic: topic, body: try makeHeartbeat().serializedBytes(), wait: false)
            try? await Task.sleep(for: interval)
        }
    }

    func makeHeartbeat() -> Heartbeat {
        Heartbeat.with {
            $0.stage = context.stage
            $0.instance = context.instance
            $0.pid = getpid()
            $0.version = TrackwireVersion.current
            $0.uptimeS = Date().timeIntervalSince(context.startedAt)
            $0.counters = context.counters.snapshot().merging(extraCounters()) { $1 }
            $0.timeMs = Int64(Date().timeIntervalSince1970 * 1000)
            $0.host = ProcessInfo.processInfo.hostName
            $0.httpAddress = context.httpAddress.withLock { $0 }
            $0.gauges = context.counters.gaugeSnapshot()
            $0.healthProblems = context.healthChecks().compactMap { check in check.status.reason.map { "\(check.name): \($0)" } }
        }
    }
}

/// The version every process reports.
public enum TrackwireVersion {
    public static let current = "0.1.0"
}
