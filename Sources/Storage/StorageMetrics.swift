import Foundation
import Metrics
import Prometheus
import Synchronization
import TrackwireProtocol
import TrackwireRuntime

/// The storage stage's telemetry (STYLE §9): `received`, `stored{kind}`, `duplicates{kind}`,
/// `dead_letters`, `errors{error_type}`, `commit_failures`, `acks`, `retention_removed{reason}`,
/// `dropped{reason}`, and the `trackwire_storage_batch_size` / `trackwire_storage_commit_seconds`
/// histograms, and with a registry `trackwire_storage_position_age_seconds`: how old each committed
/// position was by its fix time (device → stored latency; `tw bench e2e` reads its quantiles).
/// Shared by the queue thread and the committing task.
final class StorageMetrics: Sendable {
    private let counters: StageCounters
    private let receivedTotal: StageCounter
    private let storedPositions, storedEvents, storedSessions, deadLettersStored: StageCounter
    private let duplicatePositions, duplicateEvents: StageCounter
    private let commitFailures, acksSent, ackFailures, dropped: StageCounter
    private let removedByRetention, removedByDownsampling: StageCounter
    private let batchSize: Recorder
    private let commitLatency: Metrics.Timer
    private let positionAge: DurationHistogram?
    /// How old the newest position of the last committed batch was: the heartbeat's `lag_ms`.
    private let lag: StageGauge
    private let errorTypes = Mutex<[String: StageCounter]>([:])

    /// Fine below a second, where a healthy pipeline is, and up to the minutes of a backlog.
    static let ageBuckets: [Duration] = [5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750].map { .milliseconds($0) }
        + [1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 60, 120, 300].map { .seconds($0) }

    init(_ counters: StageCounters, registry: PrometheusCollectorRegistry? = nil) {
        self.counters = counters
        receivedTotal = counters.counter("received")
        storedPositions = counters.counter("stored", labels: [("kind", "pos")])
        storedEvents = counters.counter("stored", labels: [("kind", "evt")])
        storedSessions = counters.counter("stored", labels: [("kind", "ses")])
        deadLettersStored = counters.counter("dead_letters")
        duplicatePositions = counters.counter("duplicates", labels: [("kind", "pos")])
        duplicateEvents = counters.counter("duplicates", labels: [("kind", "evt")])
        commitFailures = counters.counter("commit_failures")
        acksSent = counters.counter("acks")
        ackFailures = counters.counter("errors", labels: [("error_type", "ack_publish")])
        dropped = counters.counter("dropped", labels: [("reason", "drain_timeout")])
        removedByRetention = counters.counter("retention_removed", labels: [("reason", "retention")])
        removedByDownsampling = counters.counter("retention_removed", labels: [("reason", "downsample")])
        batchSize = Recorder(label: "trackwire_storage_batch_size", dimensions: [("stage", counters.stage)], aggregate: true)
        commitLatency = Metrics.Timer(label: "trackwire_storage_commit_seconds", dimensions: [("stage", counters.stage)])
        lag = counters.gauge("lag_ms")
        positionAge = registry?.makeDurationHistogram(name: "trackwire_storage_position_age_seconds", labels: [("stage", counters.stage)],
                                                      buckets: Self.ageBuckets)
    }

    /// One message taken from the store queue, and what it became.
    func received(_ intake: BatchAssembler.Intake) {
        receivedTotal.increment()
        switch intake {
        case .refused(let errorType): error(errorType).increment()
        case .unit(_, let refused): for errorType in refused { error(errorType).increment() }
        default: break
        }
    }

    /// A batch committed in `nanoseconds`.
    func committed(_ outcome: WriteOutcome, batchCount: Int, nanoseconds: Int64) {
        batchSize.record(batchCount)
        commitLatency.recordNanoseconds(nanoseconds)
        storedPositions.increment(by: outcome.positionsStored)
        storedEvents.increment(by: outcome.eventsStored)
        storedSessions.increment(by: outcome.sessionsStored)
        deadLettersStored.increment(by: outcome.deadLettersStored)
        duplicatePositions.increment(by: outcome.positionsDuplicate)
        duplicateEvents.increment(by: outcome.eventsDuplicate)
    }

    /// The age of each committed position: now minus its fix time (the device's clock).
    func committed(positions: [PositionRow]) {
        guard !positions.isEmpty else { return }
        let nowMs = Int64(Date().timeIntervalSince1970 * 1000)
        lag.record(Double(max(0, nowMs - (positions.map(\.fixTimeMs).max() ?? nowMs))))
        guard let positionAge else { return }
        for position in positions { positionAge.record(.milliseconds(max(0, nowMs - position.fixTimeMs))) }
    }

    func commitFailed() { commitFailures.increment() }
    func acked(_ count: Int) { acksSent.increment(by: count) }
    func ackFailed() { ackFailures.increment() }
    /// Messages taken from the queue that a stop gave up on.
    func droppedOnStop(_ count: Int) { dropped.increment(by: count) }
    func removed(byRetention retention: Int, byDownsampling downsampling: Int) {
        removedByRetention.increment(by: retention)
        removedByDownsampling.increment(by: downsampling)
    }

    private func error(_ type: String) -> StageCounter {
        errorTypes.withLock { cache in
            if let known = cache[type] { return known }
            let made = counters.counter("errors", labels: [("error_type", type)])
            cache[type] = made
            return made
        }
    }
}
