import Synchronization

/// Tells a stage's I/O thread to stop taking input, and when to give up delivering what it
/// already took (decoder: frames; storage: store-queue messages). Set from async code (graceful
/// shutdown, cancellation), read by the thread.
public final class StopSignal: Sendable {
    private let drainTimeout: Duration
    private let deadline = Mutex<ContinuousClock.Instant?>(nil)
    private let requested = Atomic<Bool>(false)

    /// A signal whose drain deadline runs `drainTimeout` from the first request.
    public init(drainTimeout: Duration) { self.drainTimeout = drainTimeout }

    /// Asks the loop to stop. Idempotent: the drain deadline runs from the first request.
    public func request() {
        deadline.withLock { $0 = $0 ?? .now + drainTimeout }
        requested.store(true, ordering: .releasing)
    }

    /// Whether a stop was asked for.
    public var isRequested: Bool { requested.load(ordering: .acquiring) }

    /// Whether a stop was asked for and its drain time is over.
    public var isPastDeadline: Bool {
        guard isRequested else { return false }
        return deadline.withLock { $0.map { .now >= $0 } ?? false }
    }
}
