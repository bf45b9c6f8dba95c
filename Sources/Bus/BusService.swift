import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TrackwireRuntime
import ZMQ

/// Runs the bus's channels (docs/architecture.md, "The bus") until graceful shutdown. Contains no
/// routing logic of its own: each channel is a `Forwarder`, which blocks (rather than spins) while
/// its consumers cannot take more, so the back-pressure reaches the producers.
public final class BusService: Service, Sendable {
    let context: StageContext
    let specs: [BusChannelSpec]
    let statisticsInterval: Duration
    /// With a secret key, every channel socket is a CURVE server (plaintext peers are refused).
    let curveSecretKey: String?
    private let forwarders = Mutex<[(name: String, forwarder: Forwarder)]>([])

    public init(context: StageContext, specs: [BusChannelSpec], statisticsInterval: Duration = .seconds(1), curveSecretKey: String? = nil) {
        self.context = context
        self.curveSecretKey = curveSecretKey
        self.specs = specs
        self.statisticsInterval = statisticsInterval
    }

    public func run() async throws {
        let started = try specs.map(start)
        forwarders.withLock { $0 = started.map { ($0.name, $0.forwarder) } }
        context.addHealthCheck("channels") { [weak self] in self?.channelStatus ?? .failing("the bus service is gone") }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for channel in started {
                    group.addTask { await channel.finished.value }
                }
                group.addTask { await self.pollStatistics() }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.context.logger.info("bus stopping: stopping the channels")
            for (_, forwarder) in self.forwarders.withLock({ $0 }) { forwarder.stop() }
        }
    }

    /// Whether every channel's forwarder is running (for /healthz), naming those that are not.
    private var channelStatus: HealthStatus {
        let running = forwarders.withLock { $0.filter(\.forwarder.isRunning).map(\.name) }
        let stopped = specs.map(\.name).filter { !running.contains($0) }
        return HealthStatus(stopped.isEmpty, otherwise: "forwarder stopped: " + stopped.joined(separator: ", ") + " (see the log for the error)")
    }

    /// Binds a channel's sockets and starts its forwarding thread.
    private func start(_ spec: BusChannelSpec) throws -> (name: String, forwarder: Forwarder, finished: Task<Void, Never>) {
        // Bound sockets get a short linger so a stopping bus exits within ~1 s even with a dead peer.
        let curve = curveSecretKey.map { Curve.server(secretKey: $0) }
        let frontend = try context.socket(spec.frontendType, endpoints: spec.frontendEndpoints) { $0.lingerMs = 500; $0.curve = curve }
        let backend: Socket
        do {
            backend = try context.socket(spec.backendType, endpoints: spec.backendEndpoints) { $0.lingerMs = 500; $0.curve = curve }
        } catch {
            frontend.close()
            throw error
        }
        let forwarder = Forwarder(frontend: frontend, backend: backend, upstream: spec.passesSubscriptions)
        let logger = context.logger
        logger.info("channel up", metadata: [
            "channel": "\(spec.name)", "producers": "\(spec.frontendType) \(spec.frontendEndpoints)",
            "consumers": "\(spec.backendType) \(spec.backendEndpoints)",
        ])
        let finished = Task.detached {
            do {
                try await DedicatedThread.run(name: "bus-\(spec.name)") {
                    defer { frontend.close(); backend.close() }
                    try forwarder.run()
                }
            } catch {
                logger.error("channel stopped by an error", metadata: ["channel": "\(spec.name)", "error": "\(error)"])
            }
        }
        return (spec.name, forwarder, finished)
    }

    /// Turns each forwarder's running totals into counter increments, once per interval.
    private func pollStatistics() async {
        var last: [String: Forwarder.Statistics] = [:]
        let counters = context.counters
        while !Task.isCancelled {
            for (name, forwarder) in forwarders.withLock({ $0 }) {
                let now = forwarder.statistics
                let before = last[name] ?? Forwarder.Statistics()
                let labels = [("channel", name)]
                counters.counter("received", labels: labels).increment(by: Int(now.received &- before.received))
                counters.counter("sent", labels: labels).increment(by: Int(now.sent &- before.sent))
                counters.counter("received_bytes", labels: labels).increment(by: Int(now.receivedBytes &- before.receivedBytes))
                counters.counter("blocked", labels: labels).increment(by: Int(now.blocked &- before.blocked))
                last[name] = now
            }
            try? await Task.sleep(for: statisticsInterval)
        }
    }
}
