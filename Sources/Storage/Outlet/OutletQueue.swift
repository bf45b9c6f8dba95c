import Foundation

/// Messages waiting for the outlet's thread, each with the task awaiting its send. Any task may
/// add; the one thread takes. Unbounded on purpose: its producers (commits, API calls) each wait
/// for their own message, so at most one message per waiting task is queued.
final class OutletQueue: @unchecked Sendable {
    /// One message to send, and who to tell.
    struct Job {
        let target: OutletTarget
        let topic: String
        let body: [UInt8]
        let done: CheckedContinuation<Void, any Error>
    }

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var closed = false

    /// Queues a message and waits until the thread sent it (or failed to).
    func send(_ target: OutletTarget, topic: String, body: [UInt8]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            condition.lock()
            guard !closed else {
                condition.unlock()
                continuation.resume(throwing: OutletError("the storage outlet is closed (stopping)"))
                return
            }
            jobs.append(Job(target: target, topic: topic, body: body, done: continuation))
            condition.signal()
            condition.unlock()
        }
    }

    /// Thread side: the queued jobs, waiting up to `timeoutMs` for one; `nil` once closed and empty.
    func take(timeoutMs: Int) -> [Job]? {
        condition.lock()
        defer { condition.unlock() }
        if jobs.isEmpty && !closed { _ = condition.wait(until: Date().addingTimeInterval(Double(timeoutMs) / 1000)) }
        if jobs.isEmpty { return closed ? nil : [] }
        defer { jobs.removeAll(keepingCapacity: true) }
        return jobs
    }

    /// No more messages are accepted; the thread sends what is queued and stops.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Fails everything queued (the thread could not open its sockets).
    func failAll(_ error: any Error) {
        condition.lock()
        closed = true
        let failed = jobs
        jobs.removeAll()
        condition.unlock()
        for job in failed { job.done.resume(throwing: error) }
    }
}

/// Which socket a message leaves by.
enum OutletTarget {
    case broadcast
    case queue(BusQueue)
}

/// Why the outlet did not send a message.
public struct OutletError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
