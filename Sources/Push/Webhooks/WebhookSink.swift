import NIOCore
import Synchronization

/// A webhook as the hub sees it: a subscriber that collects what it accepts during one bus batch;
/// the bus thread then commits the batch to the outbox (`Webhooks.commit`) and rings the
/// deliverer's doorbell.
final class WebhookSink: Subscriber {
    let spec: WebhookSpec
    private let pending = Mutex<[[UInt8]]>([])
    private let ring: AsyncStream<Void>.Continuation
    let doorbell: AsyncStream<Void>

    init(spec: WebhookSpec) {
        self.spec = spec
        (doorbell, ring) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    }

    func offer(_ message: WireMessage) {
        let bytes = Array(message.json.readableBytesView)
        pending.withLock { $0.append(bytes) }
    }

    /// Webhooks get no snapshot: only what happens while push runs.
    func force(_ messages: [ByteBuffer]) {}

    /// Webhooks end with their doorbell (`finish`), not with the hub.
    func close(reason: String) {}

    /// Everything collected since the last call.
    func take() -> [[UInt8]] {
        pending.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }

    /// Wakes the deliverer.
    func wake() { ring.yield() }

    /// Ends the doorbell: the deliverer stops once idle.
    func finish() { ring.finish() }
}
