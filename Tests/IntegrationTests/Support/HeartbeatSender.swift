import Foundation
import Synchronization
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// A test-made stand-in for a stage process: publishes `hb.<stage>.<instance>` on a bus every
/// 200 ms from a thread of its own, until stopped (or 20 s have passed, if a test forgets).
final class HeartbeatSender: Sendable {
    let heartbeat: Heartbeat
    private let stopped = StopFlag()
    private let finished: Task<Void, any Error>

    /// Starts publishing through a PUB socket connected to `endpoint` (a bus's broadcast-in).
    init(context: Context, endpoint: String, heartbeat: Heartbeat) throws {
        self.heartbeat = heartbeat
        let socket = try context.socket(.pub, options: SocketOptions().with { $0.lingerMs = 0 })
        try socket.connect(endpoint)
        let envelope = Envelope(topic: Topic.heartbeat(stage: heartbeat.stage, instance: heartbeat.instance), message: heartbeat)
        let stopped = self.stopped
        // The thread owns the socket and closes it, so the context can terminate afterwards.
        finished = Task {
            try await blocking {
                defer { socket.close() }
                try socket.publishRepeatedly(envelope, intervalMs: 200, timeout: .seconds(20)) { stopped.isSet }
            }
        }
    }

    /// Stops sending and waits for the thread to close its socket.
    func stop() async throws {
        stopped.set()
        try await finished.value
    }
}

/// A one-way flag shared between threads.
final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
