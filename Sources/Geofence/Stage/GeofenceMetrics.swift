import Metrics
import Synchronization
import TrackwireProtocol
import TrackwireRuntime

/// The geofence stage's telemetry (STYLE §9), looked up once and kept by the loop's thread:
/// `received{kind}` (pos, ses, cfg), `events{kind}` per event kind, `skipped{reason}`,
/// `errors{error_type}`, `fence_changes{op}`, `fences_loaded`, `snapshots`, `dropped{reason}`,
/// and the gauges `trackwire_geofence_fences` and `trackwire_geofence_devices`.
struct GeofenceMetrics {
    private let counters: StageCounters
    private let receivedPositions: StageCounter
    private let receivedChanges: StageCounter
    private let receivedSessions: StageCounter
    private let snapshots: StageCounter
    private let dropped: StageCounter
    private let fenceGauge: Gauge
    private let deviceGauge: Gauge
    private var labelled: [String: StageCounter] = [:]
    /// The last `sizes`, for the heartbeats' gauges (read from another thread).
    let current = CurrentSizes()

    init(_ counters: StageCounters) {
        self.counters = counters
        receivedPositions = counters.counter("received", labels: [("kind", "pos")])
        receivedChanges = counters.counter("received", labels: [("kind", "cfg")])
        receivedSessions = counters.counter("received", labels: [("kind", "ses")])
        snapshots = counters.counter("snapshots")
        dropped = counters.counter("dropped", labels: [("reason", "drain_timeout")])
        fenceGauge = Gauge(label: "trackwire_geofence_fences", dimensions: [("stage", counters.stage)])
        deviceGauge = Gauge(label: "trackwire_geofence_devices", dimensions: [("stage", counters.stage)])
        // Created up front so every kind shows, as 0, before it first happens.
        for kind in [EventKind.geofenceEnter, .geofenceExit, .geofenceDwell, .geofenceCross, .overspeed] {
            _ = counter("events", "kind", kind.topicName)
        }
    }

    func receivedPosition() { receivedPositions.increment() }
    func receivedChange() { receivedChanges.increment() }
    func receivedSession() { receivedSessions.increment() }
    func snapshotWritten() { snapshots.increment() }
    func droppedOnStop(_ count: Int) { dropped.increment(by: count) }

    /// Fences loaded at start.
    mutating func loaded(_ count: Int) { counter("fences_loaded").increment(by: count) }
    /// An event delivered.
    mutating func sent(_ event: Event) { counter("events", "kind", event.kind.topicName).increment() }
    /// A position not looked at, and why.
    mutating func skipped(_ reason: String) { counter("skipped", "reason", reason).increment() }
    /// A refused input, by label.
    mutating func error(_ errorType: String) { counter("errors", "error_type", errorType).increment() }
    /// A `cfg.geofence` change: `upsert`, `delete` or `ignored` (older than what is known).
    mutating func fenceChange(_ op: String) { counter("fence_changes", "op", op).increment() }

    /// The current fence and device counts.
    func sizes(fences: Int, devices: Int) {
        fenceGauge.record(fences)
        deviceGauge.record(devices)
        current.fences.store(fences, ordering: .relaxed)
        current.devices.store(devices, ordering: .relaxed)
    }

    private mutating func counter(_ name: String, _ label: String? = nil, _ value: String = "") -> StageCounter {
        let key = "\(name).\(value)"
        if let known = labelled[key] { return known }
        let made = counters.counter(name, labels: label.map { [($0, value)] } ?? [])
        labelled[key] = made
        return made
    }
}

/// The fence and device counts the loop last reported, shared with the heartbeat.
final class CurrentSizes: Sendable {
    let fences = Atomic<Int>(0)
    let devices = Atomic<Int>(0)
}
