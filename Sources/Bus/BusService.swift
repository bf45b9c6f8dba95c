import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TrackwireRuntime
import ZMQ

/// Runs the bus's channels (docs/architecture.md, "The bus") until graceful shutdown. Contains no routing logic of its
/// own: each channel is `zmq_proxy_steerable`.
public final class BusService: Service, Sendable {
    let context: StageContext
    let specs: [BusChannelSpec]
    let statisticsInterval: Duration
    private let channels = Mutex<[BusChannel]>([])

    public init(context: StageContext, specs: [BusChannelSpec], statisticsInterval: Duration = .seconds(1)) {
        self.context = context
        self.specs = specs
        self.statisticsInterval = statisticsInterval
    }

    public func run() async throws {
        let started = try specs.map(start)
        channels.withLock { $0 = started.map(\.channel) }
        await withGracefulShutdownHandler {
            await withTaskGroup(of: Void.self) { group in
                for (channel, finished) in started {
                    group.addTask { await finished.value; _ = channel }
                }
                group.addTask { await self.pollStatistics() }
                await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.context.logger.info("bus stopping: terminating proxies")
            for channel in self.channels.withLock({ $0 }) { channel.terminate() }
        }
    }

    /// Binds a channel's sockets and starts its proxy thread.
    private func start(_ spec: BusChannelSpec) throws -> (channel: BusChannel, finished: Task<Void, Never>) {
        // Bound sockets get a short linger so a stopping bus exits within ~1 s even with a dead peer.
        let frontend = try context.socket(spec.frontendType, endpoints: spec.frontendEndpoints) { $0.lingerMs = 500 }
        let backend = try context.socket(spec.backendType, endpoints: spec.backendEndpoints) { $0.lingerMs = 500 }
        let controlEndpoint = "inproc://bus-control-\(spec.name)"
        let control = try context.zmq.socket(.pair, options: SocketOptions().with { $0.lingerMs = 0 })
        try control.bind(controlEndpoint)
        let controller = try context.zmq.socket(.pair, options: SocketOptions().with { $0.lingerMs = 0 })
        try controller.connect(controlEndpoint)
        let logger = context.logger
        logger.info("channel up", metadata: [
            "channel": "\(spec.name)", "producers": "\(spec.frontendType) \(spec.frontendEndpoints)",
            "consumers": "\(spec.backendType) \(spec.backendEndpoints)",
        ])
        let finished = Task.detached {
            do {
                try await DedicatedThread.run(name: "bus-\(spec.name)") {
                    defer { frontend.close(); backend.close(); control.close() }
                    try Proxy.run(frontend: frontend, backend: backend, control: control)
                }
            } catch {
                logger.error("channel stopped by an error", metadata: ["channel": "\(spec.name)", "error": "\(error)"])
            }
        }
        return (BusChannel(spec: spec, controller: controller), finished)
    }

    /// Turns each proxy's cumulative statistics into counter increments, once per interval.
    private func pollStatistics() async {
        var last: [String: Proxy.Statistics] = [:]
        let counters = context.counters
        while !Task.isCancelled {
            for channel in channels.withLock({ $0 }) {
                guard let now = channel.statistics() else { continue }
                let before = last[channel.spec.name] ?? Proxy.Statistics()
                let name = channel.spec.name
                counters.counter("received", labels: [("channel", name)])
                    .increment(by: Int(now.frontendMessagesIn &- before.frontendMessagesIn))
                counters.counter("sent", labels: [("channel", name)])
                    .increment(by: Int(now.backendMessagesOut &- before.backendMessagesOut))
                counters.counter("received_bytes", labels: [("channel", name)])
                    .increment(by: Int(now.frontendBytesIn &- before.frontendBytesIn))
                last[name] = now
            }
            try? await Task.sleep(for: statisticsInterval)
        }
    }
}
