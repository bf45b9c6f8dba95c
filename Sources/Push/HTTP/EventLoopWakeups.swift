import NIOCore
import Synchronization

/// Wakes the WebSocket writers of each event loop together: the first writer with something to
/// write schedules one task on its loop, and writers woken before that task runs join it. One bus
/// message for a thousand clients then costs a cross-thread wake-up per event loop, not per client.
final class EventLoopWakeups: Sendable {
    private let loops = Mutex<[ObjectIdentifier: LoopWakeups]>([:])

    /// The wake-ups of `eventLoop` (made on first use).
    func forLoop(_ eventLoop: any EventLoop) -> LoopWakeups {
        loops.withLock { loops in
            if let existing = loops[ObjectIdentifier(eventLoop)] { return existing }
            let made = LoopWakeups(eventLoop: eventLoop)
            loops[ObjectIdentifier(eventLoop)] = made
            return made
        }
    }
}

/// The writers of one event loop waiting for its next write task.
final class LoopWakeups: Sendable {
    let eventLoop: any EventLoop
    private let pending = Mutex<(writers: [NIOLoopBound<WebSocketFrameWriter>], scheduled: Bool)>(([], false))

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Has `writer` write its queue in the loop's next write task; schedules that task if needed.
    func schedule(_ writer: NIOLoopBound<WebSocketFrameWriter>) {
        let first = pending.withLock { pending in
            pending.writers.append(writer)
            defer { pending.scheduled = true }
            return !pending.scheduled
        }
        if first { eventLoop.execute { self.run() } }
    }

    private func run() {
        let writers = pending.withLock { pending in
            defer { pending = ([], false) }
            return pending.writers
        }
        for writer in writers { writer.value.writeQueued() }
    }
}
