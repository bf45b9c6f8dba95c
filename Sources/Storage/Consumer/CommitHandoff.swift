import Foundation

/// Passes batches from the queue thread to the committing task, one at a time, and holds the
/// thread until its batch is committed. So every message taken from libzmq is at any moment either
/// committed or in this hand-off, and while a commit is in flight (or retrying against a database
/// that is down) the thread takes nothing more: libzmq's queues fill and block the producers.
///
/// Written here rather than reusing the ZMQ module's `BoundedHandoff`: that one lets the producer
/// go on as soon as there is room, and this one must wait for the commit.
final class CommitHandoff<Batch: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: Batch?
    private var inFlight = false
    private var lastCommitted = false
    private var waiter: CheckedContinuation<Batch?, Never>?
    private var finished = false
    private var abandoned = false

    /// Thread side: hands `batch` over and blocks until the consumer calls `complete`. Returns
    /// whether the batch was committed: `false` if the consumer gave it up or went away first.
    func submit(_ batch: Batch) -> Bool {
        condition.lock()
        guard !abandoned else {
            condition.unlock()
            return false
        }
        if let waiter {
            self.waiter = nil
            inFlight = true
            condition.unlock()
            waiter.resume(returning: batch)
            condition.lock()
        } else {
            waiting = batch
        }
        while (waiting != nil || inFlight) && !abandoned { condition.wait() }
        let committed = waiting == nil && !inFlight && lastCommitted
        condition.unlock()
        return committed
    }

    /// Thread side: nothing more will come; the consumer's `next` returns `nil`.
    func finish() {
        condition.lock()
        finished = true
        let waiter = self.waiter
        self.waiter = nil
        condition.unlock()
        waiter?.resume(returning: nil)
    }

    /// Consumer side: the next batch, or `nil` once the thread finished (or the consumer abandoned).
    func next() async -> Batch? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Batch?, Never>) in
            condition.lock()
            if let batch = waiting {
                waiting = nil
                inFlight = true
                condition.unlock()
                continuation.resume(returning: batch)
            } else if finished || abandoned {
                condition.unlock()
                continuation.resume(returning: nil)
            } else {
                waiter = continuation
                condition.unlock()
            }
        }
    }

    /// Consumer side: done with the batch from `next` (`committed` or given up); the thread goes on.
    func complete(committed: Bool) {
        condition.lock()
        inFlight = false
        lastCommitted = committed
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer side: it stops for good (cancellation); a blocked `submit` returns `false`.
    func abandon() {
        condition.lock()
        abandoned = true
        let waiter = self.waiter
        self.waiter = nil
        condition.broadcast()
        condition.unlock()
        waiter?.resume(returning: nil)
    }
}
