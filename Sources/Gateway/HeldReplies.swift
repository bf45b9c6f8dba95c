/// The replies one durable-ack session holds until storage confirms their frames, released in
/// the order the frames arrived: a reply goes out only once its frame and every earlier held
/// frame are committed. Pure: times are monotonic milliseconds passed in.
struct HeldReplies<Reply> {
    private struct Entry {
        let sequence: UInt64
        let reply: Reply
        let deadlineMs: Int64
        var confirmed = false
    }

    private var entries: [Entry] = []

    /// Frames waiting for their commit (confirmed ones behind an unconfirmed one included).
    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// When the oldest held frame runs out of time; `nil` when nothing is held.
    var nextDeadlineMs: Int64? { entries.first?.deadlineMs }

    /// Whether the oldest held frame has waited past its deadline.
    func isOverdue(nowMs: Int64) -> Bool { entries.first.map { $0.deadlineMs <= nowMs } ?? false }

    /// Holds `reply` for frame `sequence` until it is confirmed or `deadlineMs` passes.
    mutating func hold(_ reply: Reply, sequence: UInt64, deadlineMs: Int64) {
        entries.append(Entry(sequence: sequence, reply: reply, deadlineMs: deadlineMs))
    }

    /// Marks frames committed; returns the replies that may go out now, in order, and how many of
    /// `sequences` matched no held frame (a late or foreign ack: ignored, never acks another).
    mutating func confirm(_ sequences: [UInt64]) -> (released: [Reply], unknown: Int) {
        var unknown = 0
        for sequence in sequences {
            // Sequences grow within a session, so a binary search finds the entry.
            if let index = index(of: sequence), !entries[index].confirmed {
                entries[index].confirmed = true
            } else {
                unknown += 1
            }
        }
        let ready = entries.prefix { $0.confirmed }.count
        let released = entries.prefix(ready).map(\.reply)
        entries.removeFirst(ready)
        return (released, unknown)
    }

    /// Gives up the held frames at the front whose deadline passed (they get no reply: the device
    /// resends them); returns how many, and the replies that may go out now behind them.
    mutating func expire(nowMs: Int64) -> (expired: Int, released: [Reply]) {
        let expired = entries.prefix { $0.deadlineMs <= nowMs && !$0.confirmed }.count
        entries.removeFirst(expired)
        return (expired, confirm([]).released)
    }

    /// Gives up every held reply (the connection is going away); returns how many there were.
    mutating func abandon() -> Int {
        defer { entries.removeAll() }
        return entries.count
    }

    private func index(of sequence: UInt64) -> Int? {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].sequence < sequence { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].sequence == sequence ? low : nil
    }
}
