import Foundation
import Logging
import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// The bus side of push, on the one thread that owns its sockets: a SUB on the broadcast channel
/// whose subscriptions follow the clients (changes arrive through `SubscriptionRequests` and are
/// applied between polls), and a PUB for `err.push` rejects. Each batch of messages goes through
/// `BusIngest` to the hub; `afterBatch` then runs (webhook outboxes commit there).
final class BusIntake {
    private let subscriber: Socket
    private let rejects: Socket
    private let ingest: BusIngest
    private let hub: Hub
    private let requests: SubscriptionRequests
    private let afterBatch: () -> Void
    private let stop: StopFlag
    private let logger: Logger
    private let metrics: PushMetrics
    private let instance: String
    private let pollMs: Int

    /// Opens the sockets; call on the thread that will `run`.
    init(context: StageContext, configuration: PushConfiguration, hub: Hub, metrics: PushMetrics,
         stop: StopFlag, afterBatch: @escaping () -> Void) throws {
        subscriber = try context.socket(.sub, endpoints: configuration.subscribe)
        do {
            rejects = try context.socket(.pub, endpoints: configuration.publish)
        } catch {
            subscriber.close()
            throw error
        }
        self.hub = hub
        ingest = BusIngest(hub: hub)
        requests = hub.requests
        self.afterBatch = afterBatch
        self.stop = stop
        logger = context.logger
        self.metrics = metrics
        instance = context.instance
        pollMs = configuration.pollIntervalMs
        logger.info("push bus intake up", metadata: ["subscribe": "\(configuration.subscribe)"])
    }

    /// The orchestration loop: apply subscription changes, take what is ready (up to a batch),
    /// let the batch's side effects commit, wait for more; until `stop`.
    func run() throws {
        defer { close() }
        var poller = Poller()
        poller.add(subscriber)
        do {
            while !stop.isSet {
                try applySubscriptionChanges()
                var taken = 0
                while taken < 4096, try takeOne() { taken += 1 }
                if taken > 0 { afterBatch() } else { _ = try poller.poll(timeoutMs: pollMs) }
            }
        } catch let error as ZMQError where error.isTerminated {
            logger.info("push intake stopping: the ZeroMQ context is shutting down")
        }
    }

    private func applySubscriptionChanges() throws {
        hub.sweep()
        for change in requests.take() {
            switch change {
            case .subscribe(let prefix): try subscriber.subscribe(prefix)
            case .unsubscribe(let prefix): try subscriber.unsubscribe(prefix)
            }
            metrics.subscriptionChanged()
        }
    }

    private func takeOne() throws -> Bool {
        guard let parts = try subscriber.receive(wait: false) else { return false }
        metrics.received()
        guard parts.count == 2, let topic = String(validating: parts[0], as: UTF8.self) else {
            try reject(topic: parts.first.map { String(decoding: $0, as: UTF8.self) } ?? "", body: parts.last ?? [],
                       .init(errorType: "bad_message", reason: "a broadcast message has 2 parts (topic, body); this one had \(parts.count)"))
            return true
        }
        do {
            try ingest.ingest(topic: topic, body: parts[1])
        } catch {
            try reject(topic: topic, body: parts[1], error)
        }
        return true
    }

    private func reject(topic: String, body: [UInt8], _ rejection: BusIngest.Rejection) throws {
        metrics.error(rejection.errorType)
        logger.debug("rejected a bus message", metadata: ["topic": "\(topic)", "reason": "\(rejection.reason)"])
        let record = Reject(stage: PushCommand.stageName, instance: instance, errorType: rejection.errorType, reason: rejection.reason,
                            topic: topic, body: body, timeMs: Int64(Date().timeIntervalSince1970 * 1000))
        try rejects.send(topic: Topic.reject(stage: PushCommand.stageName), body: try record.serializedBytes(), wait: false)
    }

    private func close() {
        subscriber.close()
        rejects.close()
    }
}
