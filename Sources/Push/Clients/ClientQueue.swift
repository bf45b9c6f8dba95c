import NIOCore
import Synchronization

/// The bounded queue between the hub (which never waits) and one client's writer. When a live
/// message finds the queue full, the client cannot keep up: the queue closes with a reason, the
/// writer tells the client and disconnects it, and nobody else is slowed down.
///
/// Two ways to consume it: a writer task awaits `next()` (SSE), or a writer on an event loop is
/// woken through `wakeOnArrival` and `take`s until the queue is empty (WebSocket).
final class ClientQueue: Sendable {
    private struct State {
        var items: [ByteBuffer] = []
        /// How many of the oldest items were forced in (snapshot, replay): they do not count
        /// against the capacity, so a long replay does not disconnect a client at once.
        var forced = 0
        var waiter: CheckedContinuation<[ByteBuffer]?, Never>?
        var closeReason: String?
        /// Tasks waiting for the close (`closed()`).
        var closeWaiters: [CheckedContinuation<String, Never>] = []
        /// Called when a message arrives and the taking writer has not been woken yet.
        var wake: (@Sendable () -> Void)?
        /// The taking writer was woken and has not yet found the queue empty.
        var woken = false

        /// Queues `messages`; the wake-up to run, if the taking writer needs telling.
        mutating func append(_ messages: some Collection<ByteBuffer>) -> (@Sendable () -> Void)? {
            items.append(contentsOf: messages)
            guard let wake, !woken else { return nil }
            woken = true
            return wake
        }
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        precondition(capacity > 0, "a client queue holds at least one message")
        self.capacity = capacity
    }

    /// Queues a live message; `false` if the queue was full (it is then closed) or already closed.
    @discardableResult
    func offer(_ message: ByteBuffer) -> Bool {
        let (accepted, waiter, wake): (Bool, CheckedContinuation<[ByteBuffer]?, Never>?, (@Sendable () -> Void)?) = state.withLock { state in
            guard state.closeReason == nil else { return (false, nil, nil) }
            guard state.items.count - state.forced < capacity else { return (false, nil, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (true, waiter, nil)
            }
            return (true, nil, state.append(CollectionOfOne(message)))
        }
        waiter?.resume(returning: [message])
        wake?()
        if !accepted { close(reason: "slow consumer: more than \(capacity) messages waiting") }
        return accepted
    }

    /// Queues messages whatever the capacity (the snapshot and replays a client asked for).
    func force(_ messages: [ByteBuffer]) {
        guard !messages.isEmpty else { return }
        let (waiter, wake) = state.withLock { state -> (CheckedContinuation<[ByteBuffer]?, Never>?, (@Sendable () -> Void)?) in
            guard state.closeReason == nil else { return (nil, nil) }
            if let waiter = state.waiter {
                state.waiter = nil
                return (waiter, nil)
            }
            state.forced += messages.count
            return (nil, state.append(messages))
        }
        waiter?.resume(returning: messages)
        wake?()
    }

    /// Switches the queue to a taking writer: `wake` runs (outside the lock, on the offering
    /// thread) when a message arrives and the writer has not been woken since it last found the
    /// queue empty. The writer then calls `take` until it returns nothing. Wakes at once if
    /// messages are already waiting.
    func wakeOnArrival(_ wake: @escaping @Sendable () -> Void) {
        let wakeNow = state.withLock { state in
            state.wake = wake
            state.woken = !state.items.isEmpty
            return state.woken
        }
        if wakeNow { wake() }
    }

    /// Every queued message, without waiting: empty when there is none (the writer is then woken
    /// by the next arrival), `nil` once closed.
    func take() -> [ByteBuffer]? {
        state.withLock { state in
            if state.closeReason != nil { return nil }
            if state.items.isEmpty {
                state.woken = false
                return []
            }
            defer { state.items = []; state.forced = 0 }
            return state.items
        }
    }

    /// Closes the queue: the writer's `next` returns `nil` and `closeReason` says why.
    func close(reason: String) {
        let (waiter, closeWaiters, final) = state.withLock { state in
            if state.closeReason == nil {
                state.closeReason = reason
                state.items.removeAll()
                state.forced = 0
            }
            defer {
                state.waiter = nil
                state.closeWaiters = []
                state.wake = nil
            }
            return (state.waiter, state.closeWaiters, state.closeReason!)
        }
        waiter?.resume(returning: nil)
        closeWaiters.forEach { $0.resume(returning: final) }
    }

    /// Waits until the queue closes and returns why (a writer stuck on a full socket is cancelled
    /// by whoever waits here).
    func closed() async -> String {
        await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            let reason: String? = state.withLock { state in
                if let reason = state.closeReason { return reason }
                state.closeWaiters.append(continuation)
                return nil
            }
            if let reason { continuation.resume(returning: reason) }
        }
    }

    /// Why the queue closed, once it has.
    var closeReason: String? { state.withLock { $0.closeReason } }

    /// Every queued message at once (so the writer can write them in one go), waiting for at
    /// least one; `nil` once closed or when the waiting task is cancelled.
    func next() async -> [ByteBuffer]? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[ByteBuffer]?, Never>) in
                let ready: [ByteBuffer]?? = state.withLock { state in
                    if state.closeReason != nil { return .some(nil) }
                    if !state.items.isEmpty {
                        defer { state.items.removeAll(keepingCapacity: true); state.forced = 0 }
                        return .some(state.items)
                    }
                    state.waiter = continuation
                    return .none
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            close(reason: "cancelled")
        }
    }
}
