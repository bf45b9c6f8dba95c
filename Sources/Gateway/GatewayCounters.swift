import TrackwireRuntime

/// The counters of one listener's protocol, looked up once so the hot path takes no lock.
struct ProtocolCounters: Sendable {
    let connections: StageCounter
    let frames: StageCounter
    let bytes: StageCounter
    let acks: StageCounter
    let backpressure: StageCounter
    /// Times a connection stopped reading because `--ack-window` frames waited for their commit.
    let ackWindowPauses: StageCounter
    private let unacked: StageCounter
    private let late: StageCounter
    private let counters: StageCounters
    private let protocolName: String

    init(_ counters: StageCounters, protocol name: String) {
        self.counters = counters
        self.protocolName = name
        connections = counters.counter("connections", labels: [("protocol", name)])
        frames = counters.counter("frames", labels: [("protocol", name)])
        bytes = counters.counter("received_bytes", labels: [("protocol", name)])
        acks = counters.counter("acks", labels: [("protocol", name)])
        backpressure = counters.counter("backpressure_pauses", labels: [("protocol", name)])
        ackWindowPauses = counters.counter("ack_window_pauses", labels: [("protocol", name)])
        unacked = counters.counter("unacknowledged", labels: [("protocol", name)])
        late = counters.counter("acks_ignored", labels: [("reason", "late")])
    }

    /// Frames a closing connection held without an ack (the device resends them).
    func unacknowledged(_ count: Int) { if count > 0 { unacked.increment(by: count) } }

    /// Confirmations for frames no longer held (timed out) or never held.
    func lateAcks(_ count: Int) { late.increment(by: count) }

    /// Counts a frame forwarded despite a failed integrity check (`--checksums flag`).
    func flagged(_ problem: String) {
        counters.counter("integrity_flagged", labels: [("protocol", protocolName), ("problem", problem)]).increment()
    }

    /// Counts a bad frame by reason (`garbage`, `oversized`, `bad_crc`, ...).
    func badFrame(_ reason: String) {
        counters.counter("bad_frames", labels: [("protocol", protocolName), ("reason", reason)]).increment()
    }

    /// Counts a dropped input by reason.
    func dropped(_ reason: String) {
        counters.counter("dropped", labels: [("protocol", protocolName), ("reason", reason)]).increment()
    }
}
