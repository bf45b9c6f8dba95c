import AsyncHTTPClient
import Foundation
import ServiceLifecycle
import Synchronization
import TrackwireRuntime
import ZMQ

/// The push stage as one `Service`: the bus thread (`BusIntake`), the HTTP server and one
/// deliverer per webhook, all stopped together on graceful shutdown.
public struct PushService: Service {
    let context: StageContext
    let configuration: PushConfiguration
    let hub: Hub
    let metrics: PushMetrics
    let webhooks: Webhooks

    /// Builds the hub and opens the webhook outbox (throws if it cannot be opened).
    public init(context: StageContext, configuration: PushConfiguration) throws {
        self.context = context
        self.configuration = configuration
        hub = Hub(historyCapacity: configuration.historyPerDevice, linger: configuration.resumeWindow.duration, requests: SubscriptionRequests())
        metrics = PushMetrics(context.counters)
        webhooks = try Webhooks(configuration: configuration, counters: context.counters, logger: context.logger)
    }

    /// Runs until graceful shutdown or cancellation.
    public func run() async throws {
        for sink in webhooks.sinks {
            _ = hub.connect(sink, watch: Watch(allDevices: true, kinds: sink.spec.kinds))
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let (context, configuration, hub, metrics, webhooks) = (self.context, self.configuration, self.hub, self.metrics, self.webhooks)
        let intakeStop = StopFlag()
        context.addHealthCheck("bus_intake") { HealthStatus(!intakeStop.isSet, otherwise: "the bus intake thread stopped (see the log)") }
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    defer { intakeStop.set() }
                    try await DedicatedThread.run(name: "push-intake") {
                        try BusIntake(context: context, configuration: configuration, hub: hub, metrics: metrics,
                                      stop: intakeStop, afterBatch: webhooks.commit).run()
                    }
                }
                for deliverer in webhooks.deliverers(client: client, configuration: configuration) {
                    group.addTask { await deliverer.run() }
                }
                if let address = context.httpListenAddress {
                    let application = try PushRoutes.application(
                        context: context, configuration: configuration, hub: hub, metrics: metrics, address: address, client: client)
                    group.addTask { try await application.runService() }
                }
                try await group.next()
                intakeStop.set()
                webhooks.finish()
                group.cancelAll()
                try await group.waitForAll()
            }
        } onGracefulShutdown: {
            context.logger.info("push stopping: closing clients and the bus intake")
            intakeStop.set()
            webhooks.finish()
            hub.closeAll(reason: "push is shutting down")
        }
        try await client.shutdown()
    }
}

/// A stop request shared between async code and the bus thread.
final class StopFlag: Sendable {
    let flag = Atomic<Bool>(false)
    func set() { flag.store(true, ordering: .releasing) }
    var isSet: Bool { flag.load(ordering: .acquiring) }
}
