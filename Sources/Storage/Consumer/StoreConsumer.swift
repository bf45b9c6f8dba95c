import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// The store-queue consumer as a `Service`: `StoreQueueLoop` receives on a dedicated thread and
/// hands batches over; this task commits each through the backend (retrying with back-off for as
/// long as the database refuses, while /healthz reports it) and then publishes durable acks.
/// Graceful shutdown stops the intake; `run` returns once everything taken is committed (or the
/// drain timeout gave up on a database that stayed down).
public final class StoreConsumer: Service, Sendable {
    private let context: StageContext
    private let configuration: StorageConfiguration
    private let backend: any StoreBackend
    private let outlet: (any BusOutlet)?
    private let metrics: StorageMetrics
    private let healthy = Atomic<Bool>(true)

    /// A consumer committing into `backend`; acks go out through `outlet` when it is given.
    public init(context: StageContext, configuration: StorageConfiguration, backend: any StoreBackend, outlet: (any BusOutlet)?) {
        self.context = context
        self.configuration = configuration
        self.backend = backend
        self.outlet = outlet
        metrics = StorageMetrics(context.counters, registry: context.registry)
        context.addHealthCheck { [weak self] in ("database", self?.isHealthy ?? false) }
    }

    /// Whether the last commit succeeded.
    public var isHealthy: Bool { healthy.load(ordering: .relaxed) }

    public func run() async throws {
        let stop = StopSignal(drainTimeout: configuration.drainTimeout.duration)
        let handoff = CommitHandoff<WriteBatch>()
        let (context, configuration, metrics) = (self.context, self.configuration, self.metrics)
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask {
                        try await DedicatedThread.run(name: "store-queue") {
                            let loop: StoreQueueLoop
                            do {
                                loop = try StoreQueueLoop(context: context, configuration: configuration, handoff: handoff, stop: stop, metrics: metrics)
                            } catch {
                                handoff.finish()
                                throw error
                            }
                            try loop.run()
                        }
                    }
                    while let batch = await handoff.next() {
                        handoff.complete(committed: await commit(batch, stop: stop))
                    }
                }
            } onGracefulShutdown: {
                context.logger.info("storage stopping: no more messages taken, committing those in hand")
                stop.request()
            }
        } onCancel: {
            stop.request()
            handoff.abandon()
        }
    }

    /// Commits `batch`, retrying with back-off until it succeeds (`true`) or a stop's drain time is
    /// over (`false`).
    private func commit(_ batch: WriteBatch, stop: StopSignal) async -> Bool {
        var delay = Duration.milliseconds(50)
        while true {
            let started = ContinuousClock.now
            do {
                // A batch of ack requests only (frames that became nothing to store) has nothing to write.
                if batch.count > 0 {
                    let outcome = try await backend.write(batch)
                    metrics.committed(outcome, batchCount: batch.count, nanoseconds: (ContinuousClock.now - started).wholeNanoseconds)
                    metrics.committed(positions: batch.positions)
                }
                if !healthy.exchange(true, ordering: .relaxed) { context.logger.notice("database commits again") }
                await acknowledge(batch.ackRequests)
                if CommandLedger.concerns(batch) {
                    await CommandLedger(store: backend, outlet: outlet, counters: context.counters, logger: context.logger)
                        .apply(batch, nowMs: Int64(Date().timeIntervalSince1970 * 1000))
                }
                return true
            } catch {
                metrics.commitFailed()
                if healthy.exchange(false, ordering: .relaxed) {
                    context.logger.error("commit failed; intake paused, retrying until the database answers", metadata: ["error": "\(error)"])
                }
                // Cancellation (not a graceful stop) cannot wait: its sleeps would return at once.
                if stop.isPastDeadline || Task.isCancelled {
                    context.logger.critical("stopping with the database still failing: a batch was not stored", metadata: ["count": "\(batch.count)"])
                    return false
                }
                try? await Task.sleep(for: delay)
                delay = min(delay * 2, .seconds(5))
            }
        }
    }

    /// One `ack.<gateway>` per gateway whose frames the batch made durable. They are queued all
    /// at once, so the outlet's thread sends them in one pass: awaited one by one, acks from 1,000
    /// devices cost 1,000 thread hops and held the next commit back (tw bench e2e, 10 k positions/s).
    private func acknowledge(_ requests: [Ack]) async {
        guard let outlet, configuration.acks, !requests.isEmpty else { return }
        let metrics = self.metrics
        await withTaskGroup(of: Int.self) { group in
            for ack in DurableAcks.confirming(requests) {
                group.addTask {
                    do {
                        try await outlet.publish(topic: Topic.ack(gateway: ack.gatewayID), body: try ack.serializedBytes())
                        return ack.frames.count
                    } catch {
                        return -1
                    }
                }
            }
            for await frames in group {
                if frames >= 0 { metrics.acked(frames) } else { metrics.ackFailed() }
            }
        }
    }
}
