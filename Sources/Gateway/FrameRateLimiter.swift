import Synchronization

/// `--max-frame-rate`: frames per second one device may send, over all its connections, with a
/// burst of two seconds' worth (a tracker flushing its buffer after a dead zone). A frame beyond
/// it gets no ack (the device sends it again later), an `err.gateway` reject `rate_limited` and
/// a counter. A rate of 0 turns the limit off.
public final class FrameRateLimiter: Sendable {
    /// A token bucket refilled continuously at `rate` a second, holding at most `capacity`.
    struct Bucket: Equatable {
        var tokens: Double
        var lastMs: Int64

        mutating func take(rate: Double, capacity: Double, nowMs: Int64) -> Bool {
            tokens = min(capacity, tokens + Double(max(0, nowMs - lastMs)) * rate / 1000)
            lastMs = max(lastMs, nowMs)
            guard tokens >= 1 else { return false }
            tokens -= 1
            return true
        }
    }

    let perSecond: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    public init(perSecond: Int) { self.perSecond = perSecond }

    /// The default limit (100 frames a second, 200 at once).
    public static let standard = FrameRateLimiter(perSecond: 100)

    private var capacity: Double { Double(perSecond * 2) }

    /// Whether `device` may send a frame now (and takes it from its budget).
    func allows(_ device: String, nowMs: Int64) -> Bool {
        guard perSecond > 0 else { return true }
        let (rate, capacity) = (Double(perSecond), capacity)
        return buckets.withLock { table in
            var bucket = table[device] ?? Bucket(tokens: capacity, lastMs: nowMs)
            let allowed = bucket.take(rate: rate, capacity: capacity, nowMs: nowMs)
            table[device] = bucket
            // Full buckets carry no state; forget them when the table grows (devices come and go).
            if table.count > 100_000 { table = table.filter { nowMs - $0.value.lastMs < 2_000 } }
            return allowed
        }
    }
}

extension FrameRateLimiter: Equatable {
    public static func == (lhs: FrameRateLimiter, rhs: FrameRateLimiter) -> Bool { lhs === rhs }
}
