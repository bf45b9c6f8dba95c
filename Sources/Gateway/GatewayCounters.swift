import TrackwireRuntime

/// The counters of one listener's protocol, looked up once so the hot path takes no lock.
struct ProtocolCounters: Sendable {
    let connections: StageCounter
    let frames: StageCounter
    let bytes: StageCounter
    let acks: StageCounter
    let backpressure: StageCounter
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
