/// Polls `condition` every `interval` until it holds or `timeout` has passed, and says whether it
/// held; the condition is checked once more at the deadline, so a slow last step still counts.
/// The one way tests and benchmarks wait for something that has no event to wait on.
public func eventually(
    timeout: Duration = .seconds(30), every interval: Duration = .milliseconds(50), _ condition: () async throws -> Bool
) async rethrows -> Bool {
    let deadline = Deadline(after: timeout)
    while !deadline.hasPassed {
        if try await condition() { return true }
        try? await Task.sleep(for: min(interval, deadline.remaining))
    }
    return try await condition()
}

/// A point in time a blocking loop must give up at: for loops whose waiting is a socket poll
/// (`zmq_poll`, `poll(2)`) rather than a sleep.
public struct Deadline: Sendable {
    /// When the time is up.
    public let instant: ContinuousClock.Instant

    /// `timeout` from now.
    public init(after timeout: Duration) { instant = .now + timeout }

    /// Whether the time is up.
    public var hasPassed: Bool { ContinuousClock.now >= instant }

    /// What is left, zero once the time is up.
    public var remaining: Duration { max(.zero, ContinuousClock.now.duration(to: instant)) }

    /// What is left in whole milliseconds, rounded up so a poll never wakes just before the
    /// deadline and spins; at most `cap` (so loops can look at their condition in between).
    public func remainingMilliseconds(cap: Int = .max) -> Int {
        let (seconds, attoseconds) = remaining.components
        let milliseconds = Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
        return min(milliseconds, cap)
    }
}
