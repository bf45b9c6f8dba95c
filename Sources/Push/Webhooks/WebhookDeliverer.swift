import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import TrackwireRuntime

/// Delivers one webhook's outbox in order: POSTs the oldest delivery until the receiver answers
/// 2xx (retrying with `Backoff`), deletes it, and goes on; sleeps on the doorbell when the outbox
/// is empty. At-least-once: a delivery whose answer was lost is sent again (it carries
/// `X-Trackwire-Delivery`, the outbox row id, for receivers that deduplicate).
struct WebhookDeliverer: Sendable {
    let sink: WebhookSink
    let outbox: Outbox
    let client: HTTPClient
    let backoff: Backoff
    let timeout: Duration
    let logger: Logger
    let metrics: WebhookMetrics

    /// Runs until the doorbell ends (shutdown) or the task is cancelled.
    func run() async {
        let url = sink.spec.url
        metrics.depth(outbox.depth(url))
        var doorbell = sink.doorbell.makeAsyncIterator()
        while !Task.isCancelled {
            let rows: [Outbox.Row]
            do {
                rows = try await outbox.oldest(url, count: 64)
            } catch {
                logger.error("webhook outbox read failed", metadata: ["webhook": "\(url)", "error": "\(error)"])
                rows = []
            }
            if rows.isEmpty {
                guard await doorbell.next() != nil else { return }
                continue
            }
            for row in rows {
                guard await deliver(row) else { return }
            }
        }
    }

    /// Sends one delivery until accepted; `false` if cancelled first.
    private func deliver(_ row: Outbox.Row) async -> Bool {
        var attempt = 0
        while !Task.isCancelled {
            if await post(row) {
                do {
                    try await outbox.remove(row.id, of: sink.spec.url)
                } catch {
                    logger.error("webhook outbox delete failed", metadata: ["error": "\(error)"])
                }
                metrics.delivered()
                metrics.depth(outbox.depth(sink.spec.url))
                return true
            }
            attempt += 1
            metrics.failedAttempt()
            metrics.depth(outbox.depth(sink.spec.url))
            do {
                try await Task.sleep(for: backoff.delay(attempt: attempt))
            } catch {
                return false
            }
        }
        return false
    }

    private func post(_ row: Outbox.Row) async -> Bool {
        var request = HTTPClientRequest(url: sink.spec.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Trackwire-Delivery", value: "\(row.id)")
        request.body = .bytes(ByteBuffer(bytes: row.body))
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanosecondsClamped))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            guard (200..<300).contains(response.status.code) else {
                logger.debug("webhook refused a delivery", metadata: ["webhook": "\(sink.spec.url)", "status": "\(response.status.code)"])
                return false
            }
            return true
        } catch {
            logger.debug("webhook delivery failed", metadata: ["webhook": "\(sink.spec.url)", "error": "\(error)"])
            return false
        }
    }
}

/// One webhook's telemetry: `webhook_delivered{webhook}`, `webhook_failed_attempts{webhook}`,
/// `dropped{reason=outbox_full,webhook}` and the `trackwire_push_outbox_depth{webhook}` gauge.
struct WebhookMetrics: Sendable {
    private let deliveredCounter: StageCounter
    private let failedCounter: StageCounter
    private let droppedCounter: StageCounter
    private let depthGauge: Gauge

    init(_ counters: StageCounters, url: String) {
        deliveredCounter = counters.counter("webhook_delivered", labels: [("webhook", url)])
        failedCounter = counters.counter("webhook_failed_attempts", labels: [("webhook", url)])
        droppedCounter = counters.counter("dropped", labels: [("reason", "outbox_full"), ("webhook", url)])
        depthGauge = Gauge(label: "trackwire_push_outbox_depth", dimensions: [("stage", counters.stage), ("webhook", url)])
    }

    func delivered() { deliveredCounter.increment() }
    func failedAttempt() { failedCounter.increment() }
    func dropped(_ count: Int) { if count > 0 { droppedCounter.increment(by: count) } }
    func depth(_ value: Int) { depthGauge.record(value) }
}

extension Duration {
    /// Whole nanoseconds, clamped to Int64.
    var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
