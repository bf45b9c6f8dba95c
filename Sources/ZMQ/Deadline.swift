/// A point in time a blocking loop gives up at, for loops whose waiting is a poll (`zmq_poll`,
/// `poll(2)`): what is left, in the whole milliseconds a poll takes.
public struct Deadline: Sendable {
    /// When the time is up.
    public let instant: ContinuousClock.Instant

    /// `timeout` from now.
    public init(after timeout: Duration) { instant = .now + timeout }

    /// At `instant`.
    public init(at instant: ContinuousClock.Instant) { self.instant = instant }

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
