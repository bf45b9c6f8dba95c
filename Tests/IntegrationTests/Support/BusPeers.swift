import Foundation
import TrackwireProtocol
import ZMQ

/// Sockets a test connects to a bus, all closed with their context when the test is done. Every
/// blocking use runs on a dedicated thread (`blocking`), so Swift's cooperative pool stays free for
/// the other tests running in parallel.
final class BusPeers: @unchecked Sendable {
    let context: Context
    private var sockets: [Socket] = []
    private let lock = NSLock()

    init() throws { context = try Context() }

    deinit {
        for socket in sockets { socket.close() }
        context.terminate()
    }

    /// A socket connected to `endpoint`, with linger 0 and any option tweaks.
    func connect(_ type: SocketType, _ endpoint: String, _ tweak: (inout SocketOptions) -> Void = { _ in }) throws -> Socket {
        let socket = try context.socket(type, options: SocketOptions().with { $0.lingerMs = 0 }.with(tweak))
        try socket.connect(endpoint)
        lock.withLock { sockets.append(socket) }
        return socket
    }
}

/// Runs blocking libzmq work on a thread of its own and awaits its result.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await DedicatedThread.run(name: "test-zmq", body)
}

extension Socket {
    /// The next message within `timeoutMs`, or `nil`. Blocking: call inside `blocking`.
    func receive(timeoutMs: Int) throws -> [[UInt8]]? {
        var poller = Poller()
        poller.add(self)
        guard try poller.poll(timeoutMs: timeoutMs)[0].contains(.readable) else { return nil }
        return try receive(wait: false)
    }

    /// Sends `envelope` every `intervalMs` until `done()` says stop or `timeout` passes (pub/sub's
    /// slow joiner: the first copies may be dropped by design). Blocking: call inside `blocking`.
    func publishRepeatedly(_ envelope: Envelope, intervalMs: Int = 50, timeout: Duration = .seconds(10), until done: () throws -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while try !done() && ContinuousClock.now < deadline {
            try send(topic: envelope.topic, body: envelope.body, wait: false)
            usleep(UInt32(intervalMs * 1000))
        }
    }
}
