import Atomics
import Metrics
import Synchronization

/// One monotonic counter, readable (for heartbeats) and exported (as a swift-metrics `Counter`,
/// which the executable's Prometheus factory serves on /metrics).
public final class StageCounter: Sendable {
    private let value = ManagedAtomic<UInt64>(0)
    private let metric: Counter

    init(metric: Counter) { self.metric = metric }

    /// Adds `amount` (default 1).
    public func increment(by amount: Int = 1) {
        value.wrappingIncrement(by: UInt64(amount), ordering: .relaxed)
        metric.increment(by: amount)
    }

    /// The total so far.
    public var total: UInt64 { value.load(ordering: .relaxed) }
}

/// One current value (not a total), readable for heartbeats and exported as a swift-metrics `Gauge`.
public final class StageGauge: Sendable {
    private let bits = ManagedAtomic<UInt64>(0)
    private let metric: Gauge

    init(metric: Gauge) { self.metric = metric }

    /// Sets the value.
    public func record(_ value: Double) {
        bits.store(value.bitPattern, ordering: .relaxed)
        metric.record(value)
    }

    /// The value last recorded (0 before).
    public var value: Double { Double(bitPattern: bits.load(ordering: .relaxed)) }
}

/// The counters of one process, in the telemetry vocabulary every stage shares (STYLE §9):
/// `trackwire_<name>_total{stage, <labels>}`. Heartbeats carry them as `<name>` or
/// `<name>.<label values>` (e.g. `errors.bad_crc`).
public final class StageCounters: Sendable {
    public let stage: String
    private let entries = Mutex<[String: StageCounter]>([:])
    private let gauges = Mutex<[String: @Sendable () -> Double]>([:])
    private let recorded = Mutex<[String: StageGauge]>([:])

    public init(stage: String) { self.stage = stage }

    /// The counter for a name and labels, created on first use. Keep the result: looking it up
    /// takes a lock.
    public func counter(_ name: String, labels: [(String, String)] = []) -> StageCounter {
        let key = ([name] + labels.map(\.1)).joined(separator: ".")
        return entries.withLock { entries in
            if let existing = entries[key] { return existing }
            let metric = Counter(label: "trackwire_\(name)_total", dimensions: [("stage", stage)] + labels)
            let counter = StageCounter(metric: metric)
            entries[key] = counter
            return counter
        }
    }

    /// Every counter's total, keyed as in heartbeats.
    public func snapshot() -> [String: UInt64] {
        entries.withLock { $0.mapValues(\.total) }
    }

    /// A current value for the heartbeats' `gauges` (lag, clients, fences...): recorded by the
    /// stage, also exported as the `trackwire_<name>{stage}` gauge. Made on first use, then shared.
    public func gauge(_ name: String) -> StageGauge {
        recorded.withLock { recorded in
            if let known = recorded[name] { return known }
            let made = StageGauge(metric: Gauge(label: "trackwire_\(name)", dimensions: [("stage", stage)]))
            recorded[name] = made
            return made
        }
    }

    /// A current value read when each heartbeat is made (open connections...).
    public func gauge(_ name: String, read: @escaping @Sendable () -> Double) {
        gauges.withLock { $0[name] = read }
    }

    /// Every gauge's current value, keyed by name.
    public func gaugeSnapshot() -> [String: Double] {
        let values = recorded.withLock { $0 }.mapValues(\.value)
        return values.merging(gauges.withLock { $0 }.mapValues { $0() }) { $1 }
    }
}
