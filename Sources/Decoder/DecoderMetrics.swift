import Codecs
import Metrics
import TrackwireProtocol
import TrackwireRuntime

/// The decoder's telemetry (STYLE §9), looked up once and kept by the loop's thread:
/// `received`, `sent{kind}`, `errors{error_type}`, `filtered{reason}`, `frames{kind}`, `dropped{reason}` and the
/// `trackwire_decode_seconds` latency histogram.
struct DecoderMetrics {
    private let counters: StageCounters
    private let received: StageCounter
    private let sentPositions: StageCounter
    private let sentEvents: StageCounter
    private let sentRejects: StageCounter
    private let dropped: StageCounter
    private let decodeLatency: Metrics.Timer
    private var frameKinds: [FrameKind: StageCounter] = [:]
    private var errorTypes: [String: StageCounter] = [:]
    private var filterReasons: [FilterReason: StageCounter] = [:]

    init(_ counters: StageCounters) {
        self.counters = counters
        received = counters.counter("received")
        sentPositions = counters.counter("sent", labels: [("kind", "pos")])
        sentEvents = counters.counter("sent", labels: [("kind", "evt")])
        sentRejects = counters.counter("sent", labels: [("kind", "err")])
        dropped = counters.counter("dropped", labels: [("reason", "drain_timeout")])
        decodeLatency = Metrics.Timer(label: "trackwire_decode_seconds", dimensions: [("stage", counters.stage)])
    }

    /// One bus message taken from the frames queue.
    func receivedMessage() { received.increment() }

    /// A frame decoded (or rejected) in `nanoseconds`.
    mutating func decoded(_ outcome: DecodeOutcome, nanoseconds: Int64) {
        decodeLatency.recordNanoseconds(nanoseconds)
        if let kind = outcome.frameKind {
            counter(&frameKinds, kind, name: "frames", label: "kind", value: kind.rawValue).increment()
        }
        if let errorType = outcome.errorType {
            counter(&errorTypes, errorType, name: "errors", label: "error_type", value: errorType).increment()
        }
        for reason in outcome.filtered {
            counter(&filterReasons, reason, name: "filtered", label: "reason", value: reason.rawValue).increment()
        }
    }

    /// One message delivered (published and queued for storage).
    func sent(_ kind: TopicKind) {
        switch kind {
        case .pos: sentPositions.increment()
        case .evt: sentEvents.increment()
        default: sentRejects.increment()
        }
    }

    /// Messages given up on because a stop's drain deadline passed.
    func droppedOnStop(_ count: Int) { dropped.increment(by: count) }

    private func counter<Key: Hashable>(_ cache: inout [Key: StageCounter], _ key: Key, name: String, label: String, value: String) -> StageCounter {
        if let known = cache[key] { return known }
        let made = counters.counter(name, labels: [(label, value)])
        cache[key] = made
        return made
    }
}
