import CZeroMQ

/// libzmq's own steerable proxy (`zmq_proxy_steerable`): forwards between `frontend` and `backend`
/// in both directions, copying to `capture` if given, until `control` receives `TERMINATE`.
/// Blocks the calling thread: run it on a dedicated thread that owns all four sockets.
public enum Proxy {
    /// Commands a control socket accepts.
    public enum ControlCommand: String, Sendable { case pause = "PAUSE", resume = "RESUME", terminate = "TERMINATE", statistics = "STATISTICS" }

    /// Runs the proxy until terminated via `control` or the context shuts down.
    public static func run(frontend: Socket, backend: Socket, capture: Socket? = nil, control: Socket) throws(ZMQError) {
        do {
            try zmqCheck("zmq_proxy_steerable") {
                zmq_proxy_steerable(frontend.raw, backend.raw, capture?.raw, control.raw)
            }
        } catch where error.isTerminated {
            return
        }
    }

    /// The eight counters `STATISTICS` returns: messages and bytes in and out on each side.
    public struct Statistics: Sendable, Equatable {
        public var frontendMessagesIn: UInt64 = 0, frontendBytesIn: UInt64 = 0
        public var frontendMessagesOut: UInt64 = 0, frontendBytesOut: UInt64 = 0
        public var backendMessagesIn: UInt64 = 0, backendBytesIn: UInt64 = 0
        public var backendMessagesOut: UInt64 = 0, backendBytesOut: UInt64 = 0

        /// Parses the eight 8-byte frames a proxy sends in answer to `STATISTICS`; `nil` if malformed.
        public init?(frames: [[UInt8]]) {
            guard frames.count == 8, frames.allSatisfy({ $0.count == 8 }) else { return nil }
            let values = frames.map { frame in frame.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } }
            (frontendMessagesIn, frontendBytesIn, frontendMessagesOut, frontendBytesOut) = (values[0], values[1], values[2], values[3])
            (backendMessagesIn, backendBytesIn, backendMessagesOut, backendBytesOut) = (values[4], values[5], values[6], values[7])
        }

        public init() {}
    }
}
