import CZeroMQ
import Synchronization

/// A ZeroMQ socket.
///
/// Threading rule: a socket is used by one thread at a time (libzmq sockets are not thread-safe).
/// Hand it to another thread only through something that synchronises (a lock, a queue, a task
/// boundary). Blocking calls (`receive(wait: true)`, `send(..., wait: true)`) must run on a dedicated
/// thread, never on Swift's cooperative pool; async code uses `MessageStream`.
public final class Socket: @unchecked Sendable {
    private(set) var handle: UnsafeMutableRawPointer?
    public let type: SocketType
    /// Set by `attach` on a SUB that connects to several publishers (buses): `receive` then skips
    /// a message that already came through another one.
    private var repeats: RepeatWindow?
    private let repeatsDropped = Atomic<Int>(0)

    init(handle: UnsafeMutableRawPointer, type: SocketType) {
        self.handle = handle
        self.type = type
    }

    deinit { close() }

    var raw: UnsafeMutableRawPointer {
        guard let handle else { preconditionFailure("\(type) socket used after close") }
        return handle
    }

    /// Binds to one endpoint, e.g. `tcp://*:7100`.
    public func bind(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_bind(\(endpoint))") { zmq_bind(raw, endpoint) }
    }

    /// Connects to one endpoint, e.g. `tcp://bus:7100`. Succeeds before the peer exists: libzmq
    /// keeps reconnecting in the background.
    public func connect(_ endpoint: String) throws(ZMQError) {
        try zmqCheck("zmq_connect(\(endpoint))") { zmq_connect(raw, endpoint) }
    }

    /// Binds or connects each endpoint of a CZMQ-notation list. A SUB that connects to more than
    /// one tcp/ipc endpoint hears every message once per publisher side (two buses carry the
    /// same broadcast): it then drops the repeats (`RepeatWindow`, counted by `repeatsSkipped`).
    public func attach(_ endpoints: Endpoints) throws(ZMQError) {
        let remote = endpoints.entries.filter { $0.action == .connect && !$0.address.hasPrefix("inproc://") }
        if type == .sub, remote.count > 1 { repeats = RepeatWindow(copies: remote.count) }
        for entry in endpoints.entries {
            switch entry.action {
            case .bind: try bind(entry.address)
            case .connect: try connect(entry.address)
            }
        }
    }

    /// The endpoint actually bound last (useful with `tcp://127.0.0.1:*`).
    public var lastEndpoint: String {
        (try? stringOption(ZMQ_LAST_ENDPOINT)) ?? ""
    }

    /// Closes the socket. Idempotent. Pending messages are kept for at most the linger time.
    public func close() {
        if let handle {
            _ = zmq_close(handle)
            self.handle = nil
        }
    }

    // MARK: Sending

    /// Sends a multipart message. Returns `false` if it would block (only with `wait: false`).
    /// libzmq copies each part into its own message; the caller's buffers are free on return.
    @discardableResult
    public func send(_ parts: [[UInt8]], wait: Bool = true) throws(ZMQError) -> Bool {
        precondition(!parts.isEmpty, "a ZeroMQ message has at least one part")
        let last = parts.count - 1
        for index in parts.indices {
            let more: Int32 = index < last ? ZMQ_SNDMORE : 0
            // Once the first part is queued the rest cannot block (all-or-nothing delivery).
            let dontWait: Int32 = (wait || index > 0) ? 0 : ZMQ_DONTWAIT
            guard try sendPart(parts[index], flags: more | dontWait) else { return false }
        }
        return true
    }

    /// Sends a topic and a body, the bus's two-frame envelope. Returns `false` if it would block
    /// (only with `wait: false`).
    @discardableResult
    public func send(topic: String, body: [UInt8], wait: Bool = true) throws(ZMQError) -> Bool {
        var topic = topic
        let flags: Int32 = wait ? 0 : ZMQ_DONTWAIT
        let raw = self.raw
        let queued = try zmqCall("zmq_send(\(type))") {
            topic.withUTF8 { zmq_send(raw, $0.baseAddress, $0.count, ZMQ_SNDMORE | flags) }
        }
        guard queued != nil else { return false }
        return try sendPart(body, flags: 0)
    }

    private func sendPart(_ part: [UInt8], flags: Int32) throws(ZMQError) -> Bool {
        let raw = self.raw
        return try zmqCall("zmq_send(\(type))") {
            part.withUnsafeBytes { zmq_send(raw, $0.baseAddress, $0.count, flags) }
        } != nil
    }

    // MARK: Receiving

    /// How many repeated messages `receive` skipped (a SUB on several buses; otherwise 0).
    public var repeatsSkipped: Int { repeatsDropped.load(ordering: .relaxed) }

    /// Receives one multipart message, copying each frame exactly once out of libzmq's buffer.
    /// Returns `nil` if none is ready (only with `wait: false`). On a SUB connected to several
    /// buses, a message already received through another bus is skipped.
    public func receive(wait: Bool = true) throws(ZMQError) -> [[UInt8]]? {
        while let parts = try receiveMessage(wait: wait) {
            guard repeats?.isRepeat(parts) == true else { return parts }
            repeatsDropped.add(1, ordering: .relaxed)
        }
        return nil
    }

    private func receiveMessage(wait: Bool) throws(ZMQError) -> [[UInt8]]? {
        var parts: [[UInt8]] = []
        var more = true
        while more {
            guard let part = try receiveFrame(wait: wait || !parts.isEmpty, more: &more) else { return nil }
            parts.append(part)
        }
        return parts
    }

    /// Receives one frame; `more` tells whether another frame of the same message follows.
    public func receiveFrame(wait: Bool = true, more: inout Bool) throws(ZMQError) -> [UInt8]? {
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        let flags: Int32 = wait ? 0 : ZMQ_DONTWAIT
        guard let size = try zmqCall("zmq_msg_recv(\(type))", { zmq_msg_recv(&message, raw, flags) }) else {
            return nil
        }
        more = zmq_msg_more(&message) != 0
        guard size > 0, let data = zmq_msg_data(&message) else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: Int(size)))
    }

    /// Receives a message and lets `body` read it in place, with no copy at all; the frames are
    /// valid only inside `body`. Returns `nil` if none is ready (only with `wait: false`).
    public func withReceived<R>(wait: Bool = true, _ body: ([UnsafeRawBufferPointer]) throws -> R) throws -> R? {
        var messages: [zmq_msg_t] = []
        defer { for index in messages.indices { zmq_msg_close(&messages[index]) } }
        var more = true
        while more {
            messages.append(zmq_msg_t())
            let last = messages.count - 1
            zmq_msg_init(&messages[last])
            let flags: Int32 = (wait || last > 0) ? 0 : ZMQ_DONTWAIT
            guard try zmqCall("zmq_msg_recv(\(type))", { zmq_msg_recv(&messages[last], raw, flags) }) != nil else {
                return nil
            }
            more = zmq_msg_more(&messages[last]) != 0
        }
        let views = messages.indices.map { index in
            UnsafeRawBufferPointer(start: zmq_msg_data(&messages[index]), count: zmq_msg_size(&messages[index]))
        }
        return try body(views)
    }

    /// Whether a message can be received now without blocking (reads `ZMQ_EVENTS`).
    public var canReceive: Bool {
        ((try? intOption(ZMQ_EVENTS)) ?? 0) & Int32(ZMQ_POLLIN) != 0
    }

    /// Whether a message can be sent now without blocking.
    public var canSend: Bool {
        ((try? intOption(ZMQ_EVENTS)) ?? 0) & Int32(ZMQ_POLLOUT) != 0
    }
}

