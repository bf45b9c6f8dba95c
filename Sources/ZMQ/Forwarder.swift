import CZeroMQ
import Synchronization

/// Forwards whole messages from a producer-facing socket to a consumer-facing one, without
/// copying them, and (for XSUB/XPUB) subscriptions the other way. It replaces
/// `zmq_proxy_steerable`, which spins at 100 % of a core while one side holds messages and the
/// other cannot take them (libzmq issue #4071): this loop holds the one message it could not
/// send and sleeps in `zmq_poll` until the consumer side is writable again.
///
/// Blocking: run it on a dedicated thread that owns both sockets.
public final class Forwarder: @unchecked Sendable {
    /// Running totals, readable from any thread while the loop runs.
    public struct Statistics: Sendable, Equatable {
        /// Messages taken from the producer side.
        public var received: UInt64 = 0
        /// Messages handed to the consumer side.
        public var sent: UInt64 = 0
        /// Bytes of the messages taken (all parts).
        public var receivedBytes: UInt64 = 0
        /// Subscription messages passed upstream (pub/sub only).
        public var subscriptions: UInt64 = 0
        /// Times the loop slept because the consumer side could not take a message.
        public var blocked: UInt64 = 0

        public init() {}
    }

    private let frontend: Socket
    private let backend: Socket
    private let upstream: Bool
    private let stopped = Atomic<Bool>(false)
    private let running = Atomic<Bool>(false)
    private let published = Mutex(Statistics())
    private var local = Statistics()
    /// The message taken from the frontend that the backend has not accepted yet.
    private var held: [zmq_msg_t] = []
    /// How long a poll may sleep before the loop looks at `stop` again.
    private let pollMs: Int
    /// The poll items, kept so a wait allocates nothing: what stopped the loop, and (pub/sub)
    /// the backend's subscriptions.
    private var items = [zmq_pollitem_t](repeating: zmq_pollitem_t(), count: 2)

    /// A forwarder from `frontend` to `backend`. With `upstream`, messages arriving on `backend`
    /// (XPUB subscriptions) are passed to `frontend` (XSUB).
    public init(frontend: Socket, backend: Socket, upstream: Bool, pollMs: Int = 100) {
        self.frontend = frontend
        self.backend = backend
        self.upstream = upstream
        self.pollMs = pollMs
    }

    deinit { release() }

    /// Asks `run` to return (within `pollMs`). Callable from any thread.
    public func stop() { stopped.store(true, ordering: .releasing) }

    /// Whether `run` is forwarding (started and not returned).
    public var isRunning: Bool { running.load(ordering: .acquiring) }

    /// The totals so far (updated at least every 1 024 messages and whenever the loop waits).
    public var statistics: Statistics { published.withLock { $0 } }

    /// The orchestration loop: take a message, hand it on, and when either side cannot go on,
    /// sleep in `zmq_poll` on exactly what would let it go on. Returns after `stop` or when the
    /// context terminates; a held message is then dropped with the sockets.
    public func run() throws(ZMQError) {
        running.store(true, ordering: .releasing)
        defer {
            running.store(false, ordering: .releasing)
            publish()
        }
        do {
            while !stopped.load(ordering: .acquiring) {
                // Move what is ready in one go; the totals are published and subscriptions looked
                // at once per pass, not per message.
                var moved = 0
                while moved < Self.pass, try held.isEmpty ? take() : handOn() { moved += 1 }
                publish()
                if moved < Self.pass, try wait(), upstream { try passSubscriptions() }
                if moved == Self.pass, upstream { try passSubscriptions() }
            }
        } catch where error.isTerminated {
            return
        }
    }

    /// Most messages moved between two looks at the subscriptions, the totals and `stop`.
    private static let pass = 1_024

    /// Takes one whole message from the frontend and tries to send it; `false` if none was ready.
    private func take() throws(ZMQError) -> Bool {
        var more = true
        while more {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            let flags: Int32 = held.isEmpty ? ZMQ_DONTWAIT : 0
            guard try zmqCall("zmq_msg_recv(\(frontend.type))", { zmq_msg_recv(&message, frontend.raw, flags) }) != nil else {
                zmq_msg_close(&message)
                return false
            }
            more = zmq_msg_more(&message) != 0
            local.receivedBytes &+= UInt64(zmq_msg_size(&message))
            held.append(message)
        }
        local.received &+= 1
        _ = try handOn()
        return true
    }

    /// Sends the held message; `false` (and it stays held) if the backend cannot take it now.
    /// Once the first part is accepted the rest cannot block: delivery is all or nothing.
    private func handOn() throws(ZMQError) -> Bool {
        let last = held.count - 1
        for index in held.indices {
            let more: Int32 = index < last ? ZMQ_SNDMORE : 0
            let wait: Int32 = index == 0 ? ZMQ_DONTWAIT : 0
            guard try zmqCall("zmq_msg_send(\(backend.type))", { zmq_msg_send(&held[index], backend.raw, more | wait) }) != nil else {
                precondition(index == 0, "a multipart message was cut after its first part")
                local.blocked &+= 1
                return false
            }
        }
        // zmq_msg_send took ownership of every part; closing the emptied messages is a no-op.
        release()
        local.sent &+= 1
        return true
    }

    /// Passes every waiting subscription message from the backend (XPUB) to the frontend (XSUB).
    private func passSubscriptions() throws(ZMQError) {
        while let parts = try backend.receive(wait: false) {
            _ = try frontend.send(parts, wait: true)
            local.subscriptions &+= 1
        }
    }

    /// Sleeps until the side that stopped the loop can go on: the backend writable while a
    /// message is held, otherwise the frontend readable; for pub/sub the backend's subscriptions
    /// wake it too. Returns whether the backend has subscriptions to pass on.
    private func wait() throws(ZMQError) -> Bool {
        let watched: zmq_pollitem_t
        if held.isEmpty {
            watched = zmq_pollitem_t(socket: frontend.raw, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        } else {
            watched = zmq_pollitem_t(socket: backend.raw, fd: 0, events: Int16(ZMQ_POLLOUT), revents: 0)
        }
        items[0] = watched
        items[1] = zmq_pollitem_t(socket: backend.raw, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let count: Int32 = upstream ? 2 : 1
        let timeout = pollMs
        _ = try zmqCall("zmq_poll") { zmq_poll(&items, count, timeout) }
        return upstream && items[1].revents & Int16(ZMQ_POLLIN) != 0
    }

    private func publish() {
        let snapshot = local
        published.withLock { $0 = snapshot }
    }

    private func release() {
        for index in held.indices { zmq_msg_close(&held[index]) }
        held.removeAll(keepingCapacity: true)
    }
}
