import Atomics

/// Running totals for one protocol, updated from every event loop.
final class SimCounters: Sendable {
    let protocolName: String
    /// Whether this protocol's positions are acknowledged by a reply (else: on write).
    let acksPositions: Bool
    let connected = ManagedAtomic<Int>(0)
    private let totals: [ManagedAtomic<Int>] = SimTally.fields.map { _ in ManagedAtomic(0) }

    init(protocolName: String, acksPositions: Bool) {
        self.protocolName = protocolName
        self.acksPositions = acksPositions
    }

    /// Adds a session's tally.
    func add(_ tally: SimTally) {
        for (counter, field) in zip(totals, SimTally.fields) where tally[keyPath: field] != 0 {
            counter.wrappingIncrement(by: tally[keyPath: field], ordering: .relaxed)
        }
    }

    /// The totals so far.
    var snapshot: SimSnapshot {
        var tally = SimTally()
        for (counter, field) in zip(totals, SimTally.fields) { tally[keyPath: field] = counter.load(ordering: .relaxed) }
        return SimSnapshot(connected: connected.load(ordering: .relaxed), tally: tally)
    }
}

/// Counters at one moment: connections open now, and totals.
struct SimSnapshot: Sendable, Equatable {
    var connected = 0
    var tally = SimTally()

    /// The sum of several protocols' snapshots.
    static func total(_ snapshots: [SimSnapshot]) -> SimSnapshot {
        snapshots.reduce(into: SimSnapshot()) { sum, s in
            sum.connected += s.connected
            sum.tally = sum.tally + s.tally
        }
    }
}
