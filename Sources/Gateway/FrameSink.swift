import Atomics
import Foundation
import NIOCore
import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// The bus sockets of one event loop: frames are pushed to decoders and published as `raw.*`,
/// sessions published and pushed to storage. Confined to its event loop's thread (libzmq sockets
/// are used by one thread at a time), and never blocks it: a full frames queue is reported to the
/// caller, who stops reading the device instead.
final class FrameSink: @unchecked Sendable {
    /// One PUSH for all `--frames` endpoints, or with `framesByPartition` one per endpoint, the
    /// endpoint of shard `i` of `K` taking the devices whose partition is `i` modulo `K`.
    private let frames: [Socket]
    private let broadcast: Socket
    private let store: Socket
    /// Rejects published per second at most, per event loop: a device spraying garbage must not
    /// flood the bus and the dead letters (the `bad_frames` counter still counts every one).
    private var rejectBudget = RejectBudget(perSecond: 20)
    /// When the frames queue last had room (monotonic ms), as `probeFramesQueue` saw it.
    let framesWritableAtMs = ManagedAtomic<Int64>(ListenerContext.nowMs())

    init(context: StageContext, endpoints: GatewayEndpoints) throws {
        if endpoints.framesByPartition {
            let entries = try Endpoints(endpoints.frames, defaultAction: .connect).entries
            frames = try entries.map { try context.socket(.push, endpoints: ($0.action == .bind ? "@" : ">") + $0.address) }
        } else {
            frames = [try context.socket(.push, endpoints: endpoints.frames)]
        }
        broadcast = try context.socket(.pub, endpoints: endpoints.publish)
        store = try context.socket(.push, endpoints: endpoints.store)
    }

    /// Queues a frame for the decoders; `false` when the frames queue is full (back-pressure).
    func forward(_ frame: Frame) -> Bool {
        let topic = Topic.raw(device: frame.deviceID)
        guard let body = try? frame.serializedBytes() as [UInt8],
              (try? framesSocket(for: frame.deviceID).send(topic: topic, body: body, wait: false)) == true else { return false }
        _ = try? broadcast.send(topic: topic, body: body, wait: false)
        return true
    }

    /// The frames PUSH of a device: its partition's shard; frames before identification (no
    /// device id) go to the first, they carry no device whose previous fix could matter.
    private func framesSocket(for device: String) -> Socket {
        guard frames.count > 1, !device.isEmpty else { return frames[0] }
        return frames[Partition(device: device).number % frames.count]
    }

    /// Publishes a session change and queues it for storage; `false` if the store queue is full.
    @discardableResult
    func publish(_ session: Session) -> Bool {
        let topic = Topic.session(device: session.deviceID)
        guard let body = try? session.serializedBytes() as [UInt8] else { return false }
        _ = try? broadcast.send(topic: topic, body: body, wait: false)
        return (try? store.send(topic: topic, body: body, wait: false)) == true
    }

    /// Queues a command's status report (`sent`) for storage on `cmd.<device>`; `false` if the
    /// store queue is full. Not published on broadcast: there `cmd.*` means "deliver this".
    @discardableResult
    func report(_ command: Command) -> Bool {
        guard let body = try? command.serializedBytes() as [UInt8] else { return false }
        return (try? store.send(topic: Topic.command(device: command.deviceID), body: body, wait: false)) == true
    }

    /// Publishes and queues an `err.gateway` reject (a dead letter in storage) unless this
    /// second's budget is spent; `false` when it was not sent.
    @discardableResult
    func reject(_ reject: Reject) -> Bool {
        guard rejectBudget.take(nowMs: reject.timeMs), let body = try? reject.serializedBytes() as [UInt8] else { return false }
        let topic = Topic.reject(stage: reject.stage)
        _ = try? broadcast.send(topic: topic, body: body, wait: false)
        return (try? store.send(topic: topic, body: body, wait: false)) == true
    }

    /// Notes whether the frames queue could take a frame now (a completed connection to the bus
    /// with room below the high-water mark). Run on this sink's event loop, like every other use.
    func probeFramesQueue() {
        if frames.allSatisfy(\.canSend) { framesWritableAtMs.store(ListenerContext.nowMs(), ordering: .relaxed) }
    }

    func close() {
        for socket in frames { socket.close() }
        broadcast.close()
        store.close()
    }
}

/// Where a gateway's sockets attach.
public struct GatewayEndpoints: Sendable, Equatable {
    public var frames: String
    public var publish: String
    public var store: String
    public var commands: String
    /// Whether `frames` lists one endpoint per decoder shard, picked by the device's partition.
    public var framesByPartition = false
}

/// One `FrameSink` per event loop, made before any connection arrives.
final class FrameSinks: Sendable {
    private let sinks: [ObjectIdentifier: FrameSink]

    init(group: any EventLoopGroup, context: StageContext, endpoints: GatewayEndpoints) throws {
        var sinks: [ObjectIdentifier: FrameSink] = [:]
        for loop in group.makeIterator() {
            sinks[ObjectIdentifier(loop)] = try FrameSink(context: context, endpoints: endpoints)
        }
        self.sinks = sinks
    }

    /// The sink of the loop the caller runs on.
    func sink(for loop: any EventLoop) -> FrameSink {
        guard let sink = sinks[ObjectIdentifier(loop)] else { preconditionFailure("no frame sink for \(loop)") }
        return sink
    }

    /// Probes each loop's frames queue on that loop every `interval` (until the loops stop).
    func probeFramesQueues(on group: any EventLoopGroup, every interval: TimeAmount) {
        for loop in group.makeIterator() {
            let sink = sink(for: loop)
            loop.scheduleRepeatedTask(initialDelay: .zero, delay: interval) { _ in sink.probeFramesQueue() }
        }
    }

    /// The health check: failing when some loop's frames queue has had no room for `patience`.
    func framesQueueStatus(patience: Int64, endpoint: String) -> HealthStatus {
        let now = ListenerContext.nowMs()
        let stalled = sinks.values.map { now - $0.framesWritableAtMs.load(ordering: .relaxed) }.filter { $0 > patience }
        return HealthStatus(stalled.isEmpty, otherwise: "frames queue not writable for \((stalled.max() ?? 0) / 1000) s on \(stalled.count) of \(sinks.count) event loops: "
                            + "no decoder takes frames, or the bus at \(endpoint) is unreachable")
    }

    /// Closes every sink. Call only once the event loops have stopped (nothing else uses them then).
    func closeAll() {
        for sink in sinks.values { sink.close() }
    }
}

/// At most `perSecond` rejects in each wall-clock second.
struct RejectBudget {
    let perSecond: Int
    private var second: Int64 = 0
    private var spent = 0

    init(perSecond: Int) { self.perSecond = perSecond }

    mutating func take(nowMs: Int64) -> Bool {
        if nowMs / 1000 != second { (second, spent) = (nowMs / 1000, 0) }
        guard spent < perSecond else { return false }
        spent += 1
        return true
    }
}
