import Synchronization
import TrackwireProtocol
@testable import Storage

/// A `BusOutlet` that records what the API sends, for unit tests of the API's logic (the real
/// outlet's sockets are tested with the storage stage).
final class RecordingOutlet: BusOutlet {
    struct Sent: Equatable {
        var topic: String
        var body: [UInt8]
        /// `nil` for a broadcast publish.
        var queue: BusQueue?
    }

    private let sent = Mutex<[Sent]>([])

    var messages: [Sent] { sent.withLock { $0 } }

    func publish(topic: String, body: [UInt8]) async throws {
        sent.withLock { $0.append(Sent(topic: topic, body: body, queue: nil)) }
    }

    func enqueue(topic: String, body: [UInt8], on queue: BusQueue) async throws {
        sent.withLock { $0.append(Sent(topic: topic, body: body, queue: queue)) }
    }
}
