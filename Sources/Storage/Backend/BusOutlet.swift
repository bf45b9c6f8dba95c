/// Where the storage process sends what it publishes itself: `cfg.geofence` and `cmd.<device>`
/// from the API, `ack.<gateway>` after commits (durable acks), and replayed dead letters.
/// Implementations own their ZeroMQ sockets on one dedicated thread; callers may be any task.
public protocol BusOutlet: Sendable {
    /// Publishes on the broadcast channel (PUB to the bus's broadcast-in).
    func publish(topic: String, body: [UInt8]) async throws
    /// Queues a message for a pipeline stage (a replayed dead letter goes back where it came from).
    func enqueue(topic: String, body: [UInt8], on queue: BusQueue) async throws
}

/// The bus's work queues.
public enum BusQueue: Sendable {
    /// Frames to decode (PUSH to frames-in).
    case frames
    /// Records to store (PUSH to store-in).
    case store
}
