import CZeroMQ

/// A libzmq context: owns the I/O threads and every socket made from it. Thread-safe.
///
/// Shut down in this order: `shutdown()` (every blocking call on its sockets returns `.terminated`),
/// close every socket (each socket's owner does it when its loop ends), then `terminate()`.
public final class Context: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// A new context with `ioThreads` I/O threads (1 is enough below ~1 GB/s).
    public init(ioThreads: Int32 = 1) throws(ZMQError) {
        guard let handle = zmq_ctx_new() else {
            throw ZMQError(errno: zmq_errno(), operation: "zmq_ctx_new")
        }
        self.handle = handle
        try zmqCheck("zmq_ctx_set(ZMQ_IO_THREADS)") { zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads) }
        // Keep the default socket limit (1023) far from our needs; raise it for many-client benchmarks.
        try zmqCheck("zmq_ctx_set(ZMQ_MAX_SOCKETS)") { zmq_ctx_set(handle, ZMQ_MAX_SOCKETS, 4096) }
    }

    /// Makes a socket of the given type with the given options applied.
    public func socket(_ type: SocketType, options: SocketOptions = .init()) throws(ZMQError) -> Socket {
        guard let raw = zmq_socket(handle, type.rawValue) else {
            throw ZMQError(errno: zmq_errno(), operation: "zmq_socket(\(type))")
        }
        let socket = Socket(handle: raw, type: type)
        do {
            try socket.apply(options)
        } catch {
            socket.close()
            throw error
        }
        return socket
    }

    /// Makes every blocking call on this context's sockets return `.terminated`. Idempotent.
    public func shutdown() {
        _ = zmq_ctx_shutdown(handle)
    }

    /// Destroys the context. Blocks until every socket is closed (and, per each socket's linger,
    /// pending messages are sent), so close sockets first.
    public func terminate() {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}
