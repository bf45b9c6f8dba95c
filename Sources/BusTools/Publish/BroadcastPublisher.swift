import TrackwireProtocol
import ZMQ

/// Publishes single messages on the broadcast channel without losing them to the slow joiner.
///
/// A PUB that sends right after `connect` loses the message twice over: the connection is not
/// up yet, and even once it is, a PUB drops every topic nobody has subscribed to *as far as it
/// knows* — and it learns the bus's subscriptions only when the bus's XSUB replays them over the
/// new connection. So this publisher is an XPUB: it reads those replayed subscriptions and sends as
/// soon as one covers the topic, which proves the message will travel. If none does within the
/// wait, no subscriber anywhere wants the topic; it still sends (the bus would drop it as well)
/// and says so. Used by one thread at a time (`tw publish`, and tests that must not lose a message).
public final class BroadcastPublisher: @unchecked Sendable {
    /// Whether anybody on the bus wanted the message.
    public enum Delivery: Equatable, Sendable {
        /// A subscription covering the topic reached us before sending.
        case subscribed
        /// No subscription covered the topic within the wait.
        case noSubscriber
    }

    private let socket: Socket
    private var subscriptions: [[UInt8]] = []

    /// Connects an XPUB to `endpoints` (the bus's broadcast-in) on `context`.
    public init(context: Context, endpoints: String, options: SocketOptions) throws {
        // Linger long enough to flush the one message after `close`.
        socket = try context.socket(.xpub, endpoints: endpoints, options: options.with { $0.lingerMs = 2_000 })
    }

    deinit { socket.close() }

    /// Waits until a subscription covers `envelope.topic` (or `wait` passes), then sends it. Blocking.
    public func publish(_ envelope: Envelope, wait: Duration) throws -> Delivery {
        let delivery = try waitForSubscription(to: Array(envelope.topic.utf8), until: .now + wait)
        try socket.send(topic: envelope.topic, body: envelope.body)
        return delivery
    }

    private func waitForSubscription(to topic: [UInt8], until deadline: ContinuousClock.Instant) throws -> Delivery {
        var poller = Poller()
        poller.add(socket)
        while !subscriptions.contains(where: { topic.starts(with: $0) }) {
            let timeoutMs = Deadline(at: deadline).remainingMilliseconds()
            guard timeoutMs > 0 else { return .noSubscriber }
            guard try poller.poll(timeoutMs: timeoutMs)[0].contains(.readable),
                  let message = try socket.receive(wait: false), let frame = message.first else { continue }
            // Subscription messages are `\x01` + prefix; `\x00` + prefix unsubscribes.
            if frame.first == 1 { subscriptions.append(Array(frame.dropFirst())) }
            if frame.first == 0, let index = subscriptions.firstIndex(of: Array(frame.dropFirst())) { subscriptions.remove(at: index) }
        }
        return .subscribed
    }
}
