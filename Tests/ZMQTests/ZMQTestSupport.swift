import Foundation
import Testing
import TrackwireTesting
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

extension TestSockets {
    /// Binds `socket` on the transport and returns the endpoint peers connect to.
    func bind(_ socket: Socket, on transport: TestTransport) throws -> String {
        try socket.bind(transport.bindEndpoint())
        return socket.lastEndpoint
    }
}

/// Receives with a deadline so a broken test fails instead of hanging.
func receive(_ socket: Socket, timeoutMs: Int = 5_000) throws -> [[UInt8]]? {
    try socket.receive(timeoutMs: timeoutMs)
}

/// Sends `topic` repeatedly until `subscriber` receives it (pub/sub slow joiner: subscriptions
/// take a moment to reach the publisher, so the first sends may be dropped by design).
func publishUntilReceived(_ publisher: Socket, _ subscriber: Socket, topic: String, timeoutMs: Int = 5_000) throws -> [[UInt8]]? {
    var message: [[UInt8]]?
    try publisher.publishRepeatedly(frames: [Array(topic.utf8), [1]], intervalMs: 0, timeout: .milliseconds(timeoutMs)) {
        message = try subscriber.receive(timeoutMs: 20)
        return message != nil
    }
    return message
}
