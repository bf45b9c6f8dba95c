import Foundation

/// Hands elements from one producing OS thread to one async consumer through a bounded buffer.
/// When the buffer is full the producer blocks, so back-pressure reaches the socket (and from there
/// the peers, through libzmq's high-water marks) instead of memory growing without bound.
///
/// Written here rather than using `AsyncStream` because its buffer is either unbounded or drops,
/// and neither `AsyncChannel` nor NIO's producer lets a plain thread block until there is room.
final class BoundedHandoff<Element: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer: [Element] = []
    private var head = 0
    private var waiter: CheckedContinuation<Element?, Never>?
    private var producerFinished = false
    private var consumerGone = false
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a handoff needs room for at least one element")
        self.capacity = capacity
    }

    private var count: Int { buffer.count - head }

    /// Blocks the calling thread while the buffer is full. Returns `false` once the consumer is gone.
    func put(_ element: Element) -> Bool {
        condition.lock()
        while count >= capacity && !consumerGone { condition.wait() }
        guard !consumerGone else {
            condition.unlock()
            return false
        }
        // A waiting consumer means the buffer is empty: hand over directly. Checked only after any
        // wait for room, or this element would overtake the ones still buffered.
        if let waiter {
            self.waiter = nil
            condition.unlock()
            waiter.resume(returning: element)
            return true
        }
        buffer.append(element)
        condition.unlock()
        return true
    }

    /// Whether the consumer has stopped listening.
    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return consumerGone
    }

    /// The producer is done: the consumer drains what is buffered, then sees `nil`.
    func finish() {
        condition.lock()
        producerFinished = true
        let waiter = self.waiter
        self.waiter = nil
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    /// The consumer is done: the producer's next `put` returns `false`.
    func cancel() {
        condition.lock()
        consumerGone = true
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    /// The next element, or `nil` when the producer finished (and the buffer is empty) or the
    /// consuming task was cancelled.
    func next() async -> Element? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Element?, Never>) in
                condition.lock()
                if count > 0 {
                    let element = buffer[head]
                    head += 1
                    if head > 1024 && head * 2 > buffer.count {
                        buffer.removeFirst(head)
                        head = 0
                    }
                    condition.signal()
                    condition.unlock()
                    continuation.resume(returning: element)
                } else if producerFinished || consumerGone {
                    condition.unlock()
                    continuation.resume(returning: nil)
                } else {
                    waiter = continuation
                    condition.unlock()
                }
            }
        } onCancel: {
            cancel()
        }
    }
}
