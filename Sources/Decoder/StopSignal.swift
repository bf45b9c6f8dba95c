import Synchronization

/// Tells the decoder's thread to stop taking frames, and when to give up delivering the ones it
/// already took. Set from async code (graceful shutdown, cancellation), read by the thread.
final class StopSignal: Sendable {
    private let drainTimeout: Duration
    private let deadline = Mutex<ContinuousClock.Instant?>(nil)
    private let requested = Atomic<Bool>(false)

    init(drainTimeout: Duration) { self.drainTimeout = drainTimeout }

    /// Asks the loop to stop. Idempotent: the drain deadline runs from the first request.
    func request() {
        deadline.withLock { $0 = $0 ?? .now + drainTimeout }
        requested.store(true, ordering: .releasing)
    }

    /// Whether a stop was asked for.
    var isRequested: Bool { requested.load(ordering: .acquiring) }

    /// Whether a stop was asked for and its drain time is over.
    var isPastDeadline: Bool {
        guard isRequested else { return false }
        return deadline.withLock { $0.map { .now >= $0 } ?? false }
    }
}
