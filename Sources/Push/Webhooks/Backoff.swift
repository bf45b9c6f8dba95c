/// Exponential backoff with jitter for webhook retries: attempt n waits a random time between half
/// and all of `base * 2^(n-1)`, capped at `max`. Jitter keeps many pushes from retrying in step.
struct Backoff: Sendable, Equatable {
    let base: Duration
    let max: Duration

    /// The delay before retry `attempt` (1 = after the first failure).
    func delay(attempt: Int, random: (ClosedRange<Double>) -> Double = { Double.random(in: $0) }) -> Duration {
        let exponent = Swift.min(Swift.max(attempt - 1, 0), 30)
        let full = Swift.min(base * (1 << exponent), max)
        return full * random(0.5...1.0)
    }
}
