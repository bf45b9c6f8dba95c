import CZeroMQ

/// Receives from a socket on a dedicated thread and delivers each multipart message to async code,
/// with a bounded buffer in between (see `BoundedHandoff`). The thread owns the socket from the
/// start and closes it when the stream ends: when the consumer stops iterating, when `stop()` is
/// called, or when the context shuts down.
public final class MessageStream: AsyncSequence, Sendable {
    public typealias Element = [[UInt8]]

    private let handoff: BoundedHandoff<[[UInt8]]>

    /// Starts receiving. `capacity` messages may wait for the consumer before the thread stops
    /// receiving (and libzmq's own HWM takes over). The thread wakes every `pollIntervalMs` to
    /// notice a consumer that went away.
    public init(socket: Socket, capacity: Int = 1024, pollIntervalMs: Int32 = 100, name: String = "zmq-receive") {
        let handoff = BoundedHandoff<[[UInt8]]>(capacity: capacity)
        self.handoff = handoff
        try? socket.setOption(ZMQ_RCVTIMEO, pollIntervalMs)
        DedicatedThread.start(name: name) {
            defer {
                socket.close()
                handoff.finish()
            }
            while !handoff.isCancelled {
                do {
                    // RCVTIMEO makes a blocking receive return "would block" after the interval.
                    guard let message = try socket.receive(wait: true) else { continue }
                    guard handoff.put(message) else { return }
                } catch {
                    return  // terminated, or the socket is unusable: end the stream
                }
            }
        }
    }

    /// Ends the stream: the receiving thread closes the socket within one poll interval.
    public func stop() { handoff.cancel() }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let handoff: BoundedHandoff<[[UInt8]]>
        public mutating func next() async -> [[UInt8]]? { await handoff.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(handoff: handoff) }
}
