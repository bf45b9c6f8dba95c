/// One device's stream in this push process: the next offset, a bounded history of its recent
/// messages (for reconnecting clients) and its last position (for new clients). A plain value.
struct DeviceHistory {
    /// A kept message, or an offset push spent on a stretch when it was not subscribed to the
    /// device (nobody watched it), so a resuming client learns it may have missed something.
    enum Entry {
        case message(WireMessage)
        case unobserved(UInt64)

        var offset: UInt64 {
            switch self {
            case .message(let message): message.offset
            case .unobserved(let offset): offset
            }
        }
    }

    private var ring: [Entry?]
    private var start = 0
    private(set) var count = 0
    /// The offset the next message gets (offsets start at 1).
    private(set) var nextOffset: UInt64 = 1
    /// The latest position, sent first to every new client watching the device.
    private(set) var lastPosition: WireMessage?
    /// Set when push stopped listening to the device; the next message records the hole first.
    var unobserved = false

    init(capacity: Int) {
        precondition(capacity > 0, "a device history keeps at least one message")
        ring = Array(repeating: nil, count: capacity)
    }

    /// Takes the next offset for a message (the caller renders it and then `append`s it). After
    /// an unobserved stretch, first spends one offset on an `unobserved` entry.
    mutating func takeOffset() -> UInt64 {
        if unobserved {
            unobserved = false
            keep(.unobserved(nextOffset))
            nextOffset += 1
        }
        defer { nextOffset += 1 }
        return nextOffset
    }

    /// Keeps `message`, forgetting the oldest entry when full.
    mutating func append(_ message: WireMessage) {
        keep(.message(message))
        if message.kind == .position { lastPosition = message }
    }

    private mutating func keep(_ entry: Entry) {
        ring[(start + count) % ring.count] = entry
        if count == ring.count { start = (start + 1) % ring.count } else { count += 1 }
    }

    /// The oldest offset still kept; `nextOffset` when empty.
    var firstKept: UInt64 { count == 0 ? nextOffset : ring[start]!.offset }

    /// What a client that last saw `offset` missed: the offsets no longer kept (a gap), then the
    /// kept entries after `offset`, oldest first.
    func since(_ offset: UInt64) -> (gap: ClosedRange<UInt64>?, entries: [Entry]) {
        guard offset + 1 < nextOffset else { return (nil, []) }
        let first = firstKept
        let gap: ClosedRange<UInt64>? = offset + 1 < first ? (offset + 1)...(first - 1) : nil
        let skip = offset >= first ? Int(offset - first + 1) : 0
        return (gap, (skip..<count).map { ring[(start + $0) % ring.count]! })
    }
}

/// Reference counts of bus subscription prefixes: subscribe when the first watcher needs a prefix;
/// when the last one leaves, keep it for `linger` (so a client that reconnects soon finds its
/// history complete), then unsubscribe. A plain value; the hub sends its answers to the bus thread.
struct SubscriptionTable {
    private(set) var counts: [String: Int] = [:]
    /// Prefixes nobody needs, still subscribed until their deadline.
    private(set) var lingering: [String: ContinuousClock.Instant] = [:]
    let linger: Duration

    init(linger: Duration = .zero) { self.linger = linger }

    /// Counts `prefixes` in; returns those not subscribed before (to subscribe).
    mutating func add(_ prefixes: Set<String>) -> [String] {
        prefixes.filter { prefix in
            counts[prefix, default: 0] += 1
            return counts[prefix] == 1 && lingering.removeValue(forKey: prefix) == nil
        }.sorted()
    }

    /// Counts `prefixes` out; those nobody needs any more start lingering.
    mutating func remove(_ prefixes: Set<String>, now: ContinuousClock.Instant = .now) {
        for prefix in prefixes {
            guard let count = counts[prefix] else { continue }
            counts[prefix] = count > 1 ? count - 1 : nil
            if count == 1 { lingering[prefix] = now + linger }
        }
    }

    /// The lingering prefixes whose time is up (to unsubscribe now).
    mutating func expired(now: ContinuousClock.Instant = .now) -> [String] {
        let done = lingering.filter { $0.value <= now }.keys.sorted()
        for prefix in done { lingering[prefix] = nil }
        return done
    }

    /// Whether `prefix` is subscribed on the bus (needed or lingering).
    func isSubscribed(_ prefix: String) -> Bool { counts[prefix] != nil || lingering[prefix] != nil }
}
