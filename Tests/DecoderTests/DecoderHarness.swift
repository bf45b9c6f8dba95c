import Decoder
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TrackwireProtocol
import TrackwireRuntime
import TrackwireTesting
import ZMQ

/// A running `DecoderService` wired over inproc to the test's own sockets, in the same ZeroMQ
/// context: a PUSH feeding frames, a SUB on what it publishes and a PULL on what it stores.
final class DecoderHarness: @unchecked Sendable {
    let context: StageContext
    let frames: Socket
    let broadcast: Socket
    let store: Socket
    private let group: ServiceGroup
    private let finished: Atomic<Bool>

    /// Starts a decoder; `runtimeArguments` are parsed as its `RuntimeOptions` (e.g. `--sndhwm 1`),
    /// `storeHighWaterMark` limits the test's store PULL, and `unreachableStore` points the decoder's
    /// store queue at a TCP port nobody listens on instead.
    init(
        runtimeArguments: [String] = [], storeHighWaterMark: Int32 = 10_000, unreachableStore: Bool = false,
        drainTimeout: ConfigDuration = .init(milliseconds: 2_000)
    ) throws {
        context = try StageContext(stage: "decoder", options: try RuntimeOptions.parse(["--instance", "t1"] + runtimeArguments))
        let unique = UUID().uuidString.prefix(8)
        let quiet = SocketOptions().with { $0.lingerMs = 0 }
        frames = try context.zmq.socket(.push, options: quiet)
        try frames.bind("inproc://frames-\(unique)")
        broadcast = try context.zmq.socket(.sub, options: quiet.with { $0.subscriptions = [""] })
        try broadcast.bind("inproc://broadcast-\(unique)")
        store = try context.zmq.socket(.pull, options: quiet.with { $0.receiveHighWaterMark = storeHighWaterMark })
        try store.bind("inproc://store-\(unique)")
        var configuration = DecoderConfiguration(
            frames: ">inproc://frames-\(unique)", publish: ">inproc://broadcast-\(unique)",
            // An inproc connect to nothing queues anyway; TCP with ZMQ_IMMEDIATE blocks, like a dead bus.
            store: unreachableStore ? ">tcp://127.0.0.1:9" : ">inproc://store-\(unique)"
        )
        configuration.drainTimeout = drainTimeout
        configuration.wakeIntervalMs = 20
        let service = DecoderService(context: context, configuration: configuration)
        group = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: Logger(label: "test")))
        finished = Atomic(false)
        Task { [group, self] in
            defer { finished.store(true, ordering: .releasing) }
            try await group.run()
        }
    }

    /// Pushes one frame as the gateway does (`raw.<pp>.<device>` and the serialised `Frame`).
    func push(_ frame: Frame) throws {
        try frames.send(topic: Topic.raw(device: frame.deviceID), body: try frame.serializedBytes())
    }

    /// Stops the decoder gracefully; `true` if `run` returned within `timeout`.
    func stop(within timeout: Duration = .seconds(5)) async -> Bool {
        await group.triggerGracefulShutdown()
        return await eventually(timeout: timeout, every: .milliseconds(10)) { finished.load(ordering: .acquiring) }
    }

    /// A counter's total, as heartbeats key it (`errors.bad_message`, `sent.pos`, ...).
    func counter(_ key: String) -> UInt64 { context.counters.snapshot()[key] ?? 0 }

    /// Closes the test's sockets and the context (call after `stop`).
    func close() {
        for socket in [frames, broadcast, store] { socket.close() }
        context.zmq.terminate()
    }
}
