import Metrics
import Synchronization
import TrackwireRuntime

/// The storage stage's telemetry (STYLE §9): `received`, `stored{kind}`, `duplicates{kind}`,
/// `dead_letters`, `errors{error_type}`, `commit_failures`, `acks`, `retention_removed{reason}`,
/// `dropped{reason}`, and the `trackwire_storage_batch_size` / `trackwire_storage_commit_seconds`
/// histograms. Shared by the queue thread and the committing task.
final class StorageMetrics: Sendable {
    private let counters: StageCounters
    private let receivedTotal: StageCounter
    private let storedPositions, storedEvents, storedSessions, deadLettersStored: StageCounter
    private let duplicatePositions, duplicateEvents: StageCounter
    private let commitFailures, acksSent, ackFailures, dropped: StageCounter
    private let removedByRetention, removedByDownsampling: StageCounter
    private let batchSize: Recorder
    private let commitLatency: Metrics.Timer
    private let errorTypes = Mutex<[String: StageCounter]>([:])

    init(_ counters: StageCounters) {
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
    }

    /// One message taken from the store queue, and what it became.
    func received(_ intake: BatchAssembler.Intake) {
        receivedTotal.increment()
        if case .refused(let errorType) = intake { error(errorType).increment() }
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
