import CZeroMQ

/// Waits for readiness on several sockets (`zmq_poll`). Blocking: use on a dedicated thread.
public struct Poller {
    /// What to wait for on a socket.
    public struct Events: OptionSet, Sendable {
        public let rawValue: Int16
        public init(rawValue: Int16) { self.rawValue = rawValue }
        public static let readable = Events(rawValue: Int16(ZMQ_POLLIN))
        public static let writable = Events(rawValue: Int16(ZMQ_POLLOUT))
    }

    private var items: [zmq_pollitem_t] = []
    private var sockets: [Socket] = []

    public init() {}

    /// Adds a socket; returns its index in `poll`'s result.
    @discardableResult
    public mutating func add(_ socket: Socket, events: Events = .readable) -> Int {
        items.append(zmq_pollitem_t(socket: socket.raw, fd: 0, events: events.rawValue, revents: 0))
        sockets.append(socket)
        return items.count - 1
    }

    /// Waits up to `timeoutMs` (-1: forever) and returns each socket's ready events, by index.
    public mutating func poll(timeoutMs: Int) throws(ZMQError) -> [Events] {
        let count = Int32(items.count)
        _ = try zmqCall("zmq_poll") { zmq_poll(&items, count, timeoutMs) }
        return items.map { Events(rawValue: $0.revents) }
    }
}
