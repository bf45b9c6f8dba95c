import Foundation
import TrackwireProtocol
import ZMQ

/// Sockets a test or benchmark opens towards a bus or a stage, all closed with their context when
/// it is dropped: linger 0, so closing never waits for a peer that is gone. A socket is used by
/// one thread at a time; blocking uses belong on a dedicated thread (`blocking`) or in
/// synchronous tests.
public final class TestSockets: @unchecked Sendable {
    /// The context every socket of this set belongs to.
    public let context: Context
    private var sockets: [Socket] = []
    private let lock = NSLock()

    /// A new context for the set's sockets.
    public init() throws { context = try Context() }

    deinit {
        for socket in sockets { socket.close() }
        context.terminate()
    }

    /// A socket connected to `endpoint`, with linger 0 and any option tweaks.
    public func connect(_ type: SocketType, _ endpoint: String, _ tweak: (inout SocketOptions) -> Void = { _ in }) throws -> Socket {
        let socket = try make(type, tweak)
        try socket.connect(endpoint)
        return socket
    }

    /// A socket bound to `endpoint` (`tcp://127.0.0.1:*` picks a port: read `lastEndpoint`).
    public func bind(_ type: SocketType, _ endpoint: String, _ tweak: (inout SocketOptions) -> Void = { _ in }) throws -> Socket {
        let socket = try make(type, tweak)
        try socket.bind(endpoint)
        return socket
    }

    /// A socket neither bound nor connected yet, with `options` and linger 0.
    public func socket(_ type: SocketType, _ options: SocketOptions = .init()) throws -> Socket {
        let socket = try context.socket(type, options: options.with { $0.lingerMs = 0 })
        lock.withLock { sockets.append(socket) }
        return socket
    }

    private func make(_ type: SocketType, _ tweak: (inout SocketOptions) -> Void) throws -> Socket {
        try socket(type, SocketOptions().with(tweak))
    }
}

/// Runs blocking libzmq work on a thread of its own and awaits its result.
@discardableResult
public func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await DedicatedThread.run(name: "test-zmq", body)
}
