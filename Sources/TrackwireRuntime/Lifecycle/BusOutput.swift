import TrackwireProtocol
import ZMQ

/// Where a stage's outputs go (docs/architecture.md, "The bus"): every message is published on the broadcast channel
/// (PUB, never blocks; dropped with nobody subscribed or at the HWM) and queued for storage (PUSH,
/// blocks: a slow storage stops the stage's intake, nothing is dropped). Owned by one thread.
public final class BusOutput {
    private let broadcast: Socket
    private let store: Socket
    private let stop: StopSignal
    private let wakeIntervalMs: Int

    /// Opens both sockets. The store socket lingers up to `drainTimeout` on close, since queued
    /// records may take that long to reach a slow storage.
    public init(context: StageContext, publish: String, store: String, drainTimeout: ConfigDuration, stop: StopSignal, wakeIntervalMs: Int) throws {
        broadcast = try context.socket(.pub, endpoints: publish)
        do {
            let lingerMs = Int32(clamping: drainTimeout.milliseconds)
            self.store = try context.socket(.push, endpoints: store) { $0.lingerMs = lingerMs }
        } catch {
            broadcast.close()
            throw error
        }
        self.stop = stop
        self.wakeIntervalMs = wakeIntervalMs
    }

    /// Publishes and queues one message; `false` if the stop's drain deadline passed before
    /// storage took it.
    public func deliver(topic: String, body: [UInt8]) throws -> Bool {
        let message = Envelope(topic: topic, body: body)
        return try deliver(publishing: [message], storing: [message])
    }

    /// Publishes each of `published`, then queues `stored` for storage as ONE message (its
    /// topic/body pairs in order), so a single storage writer takes them whole and commits them
    /// together; `false` if the stop's drain deadline passed before storage took it. Nothing is
    /// queued when `stored` is empty.
    public func deliver(publishing published: [Envelope], storing stored: [Envelope]) throws -> Bool {
        for message in published { try broadcast.send(topic: message.topic, body: message.body, wait: false) }
        guard !stored.isEmpty else { return true }
        var parts: [[UInt8]] = []
        parts.reserveCapacity(stored.count * 2)
        for message in stored {
            parts.append(Array(message.topic.utf8))
            parts.append(message.body)
        }
        return try store.sendQueued(parts, stop: stop, wakeIntervalMs: wakeIntervalMs)
    }

    /// Closes both sockets (the store socket after its linger).
    public func close() {
        broadcast.close()
        store.close()
    }
}
