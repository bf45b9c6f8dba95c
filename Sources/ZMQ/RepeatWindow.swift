#if canImport(Glibc)
import Glibc
#endif

/// The messages a subscriber received lately, so that one reaching it through each of several
/// buses is taken once (docs/architecture.md, "Two buses"). A message is its frames' bytes: the
/// same bytes within `windowMs` are a repeat, at most `copies - 1` times, and an entry goes
/// once every copy arrived, so a publisher that sends the same message again later is heard.
/// Bounded: at most `capacity` messages are remembered, the oldest forgotten first.
public struct RepeatWindow: Sendable {
    private struct Seen {
        var atMs: UInt64
        var remaining: Int
    }

    private let copies: Int
    private let windowMs: UInt64
    private let capacity: Int
    private var seen: [Int: Seen] = [:]
    private var order: [(hash: Int, atMs: UInt64)] = []
    private var head = 0

    /// A window for messages that arrive `copies` times (one per bus).
    public init(copies: Int, windowMs: UInt64 = 5_000, capacity: Int = 1 << 17) {
        precondition(copies > 1 && capacity > 0, "a repeat window needs at least two copies and room for one message")
        self.copies = copies
        self.windowMs = windowMs
        self.capacity = capacity
        seen.reserveCapacity(min(capacity, 4096))
    }

    /// Whether `parts` is a copy of a message taken within the window; the first copy is
    /// remembered and answers `false`.
    public mutating func isRepeat(_ parts: [[UInt8]], nowMs: UInt64 = RepeatWindow.monotonicMs()) -> Bool {
        forgetOld(nowMs: nowMs)
        let hash = Self.hash(parts)
        if var entry = seen[hash] {
            entry.remaining -= 1
            seen[hash] = entry.remaining == 0 ? nil : entry
            return true
        }
        seen[hash] = Seen(atMs: nowMs, remaining: copies - 1)
        order.append((hash, nowMs))
        return false
    }

    /// How many messages the window remembers now.
    public var count: Int { seen.count }

    private mutating func forgetOld(nowMs: UInt64) {
        while head < order.count, order.count - head >= capacity || order[head].atMs + windowMs < nowMs {
            let (hash, atMs) = order[head]
            if seen[hash]?.atMs == atMs { seen[hash] = nil }
            head += 1
        }
        // Compact the queue once its dead prefix is as long as what is still in use.
        if head > 1024, head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }

    private static func hash(_ parts: [[UInt8]]) -> Int {
        var hasher = Hasher()
        for part in parts {
            hasher.combine(part.count)
            part.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
        return hasher.finalize()
    }

    /// Milliseconds of the monotonic clock (coarse: a repeat window needs no better).
    public static func monotonicMs() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC_COARSE, &now)
        return UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
    }
}
