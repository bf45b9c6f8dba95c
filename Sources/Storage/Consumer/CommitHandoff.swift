import Foundation

/// Passes batches from the queue thread to the committing task, one at a time. The thread either
/// hands a batch over and goes on gathering the next one while it commits (`offer`, then
/// `isBusy` / `waitUntilIdle`: group commit), or blocks until its batch is committed (`submit`).
/// At most one batch is in flight and one being gathered (the thread bounds that one), so every
/// message taken from libzmq is committed, in flight, or in the thread's hands, and a commit that
/// stalls (a database that is down) stops the intake: libzmq's queues fill and block the producers.
///
/// Written here rather than reusing the ZMQ module's `BoundedHandoff`: that one lets the producer
/// go on as soon as there is room, and this one must report each commit's outcome.
final class CommitHandoff<Batch: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: Batch?
    private var inFlight = false
    /// The outcome of the last completed batch (`true` before the first).
    private var lastCommitted = true
    private var waiter: CheckedContinuation<Batch?, Never>?
    private var finished = false
    private var abandoned = false

    /// Thread side: hands `batch` over and blocks until the consumer calls `complete`. Returns
    /// whether the batch was committed: `false` if the consumer gave it up or went away first.
    func submit(_ batch: Batch) -> Bool {
        waitUntilIdle()
        guard offer(batch) else { return false }
        waitUntilIdle()
        return lastBatchCommitted
    }

    /// Thread side: hands `batch` over without waiting for its commit; `false` if the consumer
    /// abandoned. Only when idle (nothing in flight): one batch at a time.
    func offer(_ batch: Batch) -> Bool {
        condition.lock()
        precondition(waiting == nil && !inFlight, "offer while a batch is in flight")
        guard !abandoned else {
            condition.unlock()
            return false
        }
        lastCommitted = false
        if let waiter {
            self.waiter = nil
            inFlight = true
            condition.unlock()
            waiter.resume(returning: batch)
        } else {
            waiting = batch
            condition.unlock()
        }
        return true
    }

    /// Thread side: whether a batch is handed over and not yet complete.
    var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return (waiting != nil || inFlight) && !abandoned
    }

    /// Thread side: waits (up to `timeoutMs`, or for good when `nil`) until nothing is in flight;
    /// `false` if the time ran out first.
    @discardableResult
    func waitUntilIdle(timeoutMs: Int? = nil) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = timeoutMs.map { Date().addingTimeInterval(Double($0) / 1000) }
        while (waiting != nil || inFlight) && !abandoned {
            if let deadline {
                guard condition.wait(until: deadline) else { return false }
            } else {
                condition.wait()
            }
        }
        return true
    }

    /// Thread side: whether the last completed batch was committed (`true` before the first;
    /// `false` once the consumer abandoned).
    var lastBatchCommitted: Bool {
        condition.lock()
        defer { condition.unlock() }
        return !abandoned && lastCommitted
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
