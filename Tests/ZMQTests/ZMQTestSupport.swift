import Foundation
import Testing
import ZMQ

/// The three transports every socket-level behaviour is proved on.
enum TestTransport: String, CaseIterable, CustomStringConvertible {
    case inproc, ipc, tcp
    var description: String { rawValue }

    /// A fresh endpoint for a binding socket: unique name, unique path, or an ephemeral port.
    func bindEndpoint() -> String {
        let unique = UUID().uuidString.prefix(8)
        switch self {
        case .inproc: return "inproc://test-\(unique)"
        case .ipc: return "ipc:///tmp/tw-test-\(unique).sock"
        case .tcp: return "tcp://127.0.0.1:*"
        }
    }
}

/// A context plus sockets that are all closed and terminated at the end of a test.
final class Harness: @unchecked Sendable {
    let context: Context
    private var sockets: [Socket] = []

    init() throws { context = try Context() }

    func socket(_ type: SocketType, _ options: SocketOptions = .init()) throws -> Socket {
        let socket = try context.socket(type, options: options.with { $0.lingerMs = 0 })
        sockets.append(socket)
        return socket
    }

    /// Binds `socket` on the transport and returns the endpoint peers connect to.
    func bind(_ socket: Socket, on transport: TestTransport) throws -> String {
        try socket.bind(transport.bindEndpoint())
        return socket.lastEndpoint
    }

    deinit {
        for socket in sockets { socket.close() }
        context.terminate()
    }
}

/// Receives with a deadline so a broken test fails instead of hanging.
func receive(_ socket: Socket, timeoutMs: Int = 5_000) throws -> [[UInt8]]? {
    var poller = Poller()
    poller.add(socket)
    guard try poller.poll(timeoutMs: timeoutMs)[0].contains(.readable) else { return nil }
    return try socket.receive(wait: false)
}

/// Sends `topic` repeatedly until `subscriber` receives it (pub/sub slow joiner: subscriptions
/// take a moment to reach the publisher, so the first sends may be dropped by design).
func publishUntilReceived(_ publisher: Socket, _ subscriber: Socket, topic: String, timeoutMs: Int = 5_000) throws -> [[UInt8]]? {
    let deadline = Date().addingTimeInterval(Double(timeoutMs) / 1000)
    while Date() < deadline {
        try publisher.send(topic: topic, body: [1], wait: false)
        if let message = try receive(subscriber, timeoutMs: 20) { return message }
    }
    return nil
}
