import AsyncHTTPClient
import Logging
import TrackwireRuntime

/// Every configured webhook: its hub subscriber, its deliverer, and the shared outbox and HTTP client.
final class Webhooks: Sendable {
    let sinks: [WebhookSink]
    private let outbox: Outbox?
    private let metrics: [String: WebhookMetrics]
    private let logger: Logger

    init(configuration: PushConfiguration, counters: StageCounters, logger: Logger) throws {
        sinks = configuration.webhooks.map(WebhookSink.init(spec:))
        outbox = sinks.isEmpty ? nil : try Outbox(path: configuration.outboxPath, limit: configuration.outboxLimit)
        metrics = Dictionary(uniqueKeysWithValues: configuration.webhooks.map { ($0.url, WebhookMetrics(counters, url: $0.url)) })
        self.logger = logger
    }

    /// Commits what the sinks collected during one bus batch and wakes their deliverers. Runs on
    /// the bus thread; a failed write is logged and counted (the batch is lost for webhooks).
    func commit() {
        guard let outbox else { return }
        var batch: [String: [[UInt8]]] = [:]
        for sink in sinks {
            let bodies = sink.take()
            if !bodies.isEmpty { batch[sink.spec.url] = bodies }
        }
        guard !batch.isEmpty else { return }
        do {
            let dropped = try outbox.append(batch)
            for (url, count) in dropped { metrics[url]?.dropped(count) }
        } catch {
            logger.error("webhook outbox write failed", metadata: ["error": "\(error)"])
            for (url, bodies) in batch { metrics[url]?.dropped(bodies.count) }
        }
        for sink in sinks where batch[sink.spec.url] != nil {
            metrics[sink.spec.url]?.depth(outbox.depth(sink.spec.url))
            sink.wake()
        }
    }

    /// The deliverers, one per webhook.
    func deliverers(client: HTTPClient, configuration: PushConfiguration) -> [WebhookDeliverer] {
        guard let outbox else { return [] }
        return sinks.map { sink in
            WebhookDeliverer(
                sink: sink, outbox: outbox, client: client,
                backoff: Backoff(base: configuration.retryBase.duration, max: configuration.retryMax.duration),
                timeout: configuration.webhookTimeout.duration, logger: logger, metrics: metrics[sink.spec.url]!
            )
        }
    }

    /// Ends every doorbell, so idle deliverers return.
    func finish() { sinks.forEach { $0.finish() } }
}
