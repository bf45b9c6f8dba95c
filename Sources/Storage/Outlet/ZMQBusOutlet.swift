import ServiceLifecycle
import TrackwireRuntime
import ZMQ

/// The storage process's `BusOutlet`: a PUB to the broadcast channel and PUSHes to frames-in and
/// store-in (replays), all owned by one dedicated thread fed through `OutletQueue`. A `Service`:
/// it runs until graceful shutdown, then sends what is queued and closes; put it before the
/// services that publish through it, so it stops after them.
public final class ZMQBusOutlet: BusOutlet, Service {
    private let context: StageContext
    private let configuration: StorageConfiguration
    private let queue = OutletQueue()

    /// An outlet to the endpoints `configuration` names (`publish`, `replayFrames`, `replayStore`).
    public init(context: StageContext, configuration: StorageConfiguration) {
        self.context = context
        self.configuration = configuration
    }

    public func publish(topic: String, body: [UInt8]) async throws {
        try await queue.send(.broadcast, topic: topic, body: body)
    }

    public func enqueue(topic: String, body: [UInt8], on queue: BusQueue) async throws {
        try await self.queue.send(.queue(queue), topic: topic, body: body)
    }

    public func run() async throws {
        let (context, configuration, queue) = (self.context, self.configuration, self.queue)
        // Cancelled (another service failed) or asked to stop, the thread sends what is queued and ends.
        try await withTaskCancellationHandler {
            try await run(context: context, configuration: configuration, queue: queue)
        } onCancel: {
            queue.close()
        }
    }

    private func run(context: StageContext, configuration: StorageConfiguration, queue: OutletQueue) async throws {
        try await withGracefulShutdownHandler {
            try await DedicatedThread.run(name: "storage-outlet") {
                let loop: OutletLoop
                do {
                    loop = try OutletLoop(context: context, configuration: configuration, queue: queue)
                } catch {
                    queue.failAll(error)
                    throw error
                }
                loop.run()
            }
        } onGracefulShutdown: {
            queue.close()
        }
    }
}

/// The outlet's thread: takes queued messages and sends each on its socket.
private final class OutletLoop {
    private let queue: OutletQueue
    private let broadcast: Socket
    private let frames: Socket
    private let store: Socket
    /// How long a PUSH may wait for the bus to take a message before the sender hears it failed.
    private let queueTimeoutMs = 5_000

    init(context: StageContext, configuration: StorageConfiguration, queue: OutletQueue) throws {
        self.queue = queue
        var opened: [Socket] = []
        do {
            opened.append(try context.socket(.pub, endpoints: configuration.publish))
            opened.append(try context.socket(.push, endpoints: configuration.replayFrames))
            opened.append(try context.socket(.push, endpoints: configuration.replayStore))
        } catch {
            opened.forEach { $0.close() }
            throw error
        }
        (broadcast, frames, store) = (opened[0], opened[1], opened[2])
    }

    func run() {
        defer { [broadcast, frames, store].forEach { $0.close() } }
        while let jobs = queue.take(timeoutMs: 1_000) {
            for job in jobs {
                job.done.resume(with: Result { try send(job) })
            }
        }
    }

    private func send(_ job: OutletQueue.Job) throws {
        switch job.target {
        case .broadcast:
            // A PUB never blocks: at the high-water mark the message is dropped, and the caller hears it.
            guard try broadcast.send(topic: job.topic, body: job.body, wait: false) else {
                throw OutletError("the broadcast channel is at its high-water mark; '\(job.topic)' was not published")
            }
        case .queue(let name):
            let socket = name == .frames ? frames : store
            var waitedMs = 0
            while try !socket.send(topic: job.topic, body: job.body, wait: false) {
                guard waitedMs < queueTimeoutMs else {
                    throw OutletError("the bus did not take '\(job.topic)' within \(queueTimeoutMs / 1000) s; is tw-bus running?")
                }
                var poller = Poller()
                poller.add(socket, events: .writable)
                _ = try poller.poll(timeoutMs: 100)
                waitedMs += 100
            }
        }
    }
}
