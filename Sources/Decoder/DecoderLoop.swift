import Foundation
import Logging
import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// The decoder's I/O, on the one thread that owns its three sockets: a PULL on frames, a PUB to
/// the broadcast channel and a PUSH to the store queue. Every output is published (never blocks)
/// and queued for storage (blocks: a slow storage stops the intake, nothing is dropped).
final class DecoderLoop {
    private let frames: Socket
    private let output: BusOutput
    private let stop: StopSignal
    private let logger: Logger
    private let wakeIntervalMs: Int
    /// At most this many frames libzmq already queued for us are decoded after a stop.
    private let drainLimit: Int
    private var decoding: FrameDecoding
    private var metrics: DecoderMetrics

    /// Opens the sockets; call on the thread that will `run`.
    init(context: StageContext, configuration: DecoderConfiguration, stop: StopSignal) throws {
        frames = try context.socket(.pull, endpoints: configuration.frames)
        do {
            output = try BusOutput(
                context: context, publish: configuration.publish, store: configuration.store,
                drainTimeout: configuration.drainTimeout, stop: stop, wakeIntervalMs: configuration.wakeIntervalMs
            )
        } catch {
            frames.close()
            throw error
        }
        self.stop = stop
        logger = context.logger
        wakeIntervalMs = configuration.wakeIntervalMs
        drainLimit = context.options.rcvhwm > 0 ? context.options.rcvhwm : 10_000
        decoding = FrameDecoding(instance: context.instance, filters: configuration.filters)
        metrics = DecoderMetrics(context.counters)
        logger.info("decoder up", metadata: [
            "frames": "\(configuration.frames)", "publish": "\(configuration.publish)", "store": "\(configuration.store)",
        ])
    }

    /// The orchestration loop: take a frame, decode it, deliver its messages, until a stop; then
    /// decode what libzmq had already taken for us (closing the PULL would discard it), and close.
    func run() throws {
        defer { close() }
        do {
            while !stop.isRequested {
                if try !takeOne() { try frames.waitUntil(.readable, timeoutMs: wakeIntervalMs) }
            }
            var drained = 0
            while drained < drainLimit, !stop.isPastDeadline, try takeOne() { drained += 1 }
        } catch let error as ZMQError where error.isTerminated {
            logger.info("decoder stopping: the ZeroMQ context is shutting down")
        }
        let tally = decoding.tally
        logger.info("decoder stopped", metadata: [
            "frames": "\(tally.frames)", "positions": "\(tally.positions)", "events": "\(tally.events)", "rejects": "\(tally.rejects)", "filtered": "\(tally.filtered)",
        ])
    }

    /// Handles one message if one is ready; `false` if none is.
    private func takeOne() throws -> Bool {
        try frames.withReceived(wait: false) { parts in try handle(parts) } != nil
    }

    private func handle(_ parts: [UnsafeRawBufferPointer]) throws {
        metrics.receivedMessage()
        let started = ContinuousClock.now
        let outcome = decode(parts)
        metrics.decoded(outcome, nanoseconds: (ContinuousClock.now - started).nanoseconds)
        try deliver(outcome)
    }

    /// The frame's outcome, or a `bad_message` reject keeping what arrived.
    private func decode(_ parts: [UnsafeRawBufferPointer]) -> DecodeOutcome {
        guard parts.count == 2 else {
            return decoding.reject(
                topic: parts.first.map { String(decoding: $0, as: UTF8.self) } ?? "", body: parts.count > 1 ? Array(parts[1]) : [],
                errorType: "bad_message", reason: "a frames message has 2 parts (topic, Frame), this one had \(parts.count)"
            )
        }
        guard let frame = try? Frame(serializedBytes: Self.borrowedData(parts[1])) else {
            return decoding.reject(
                topic: String(decoding: parts[0], as: UTF8.self), body: Array(parts[1]),
                errorType: "bad_message", reason: "the body is not a trackwire.v1.Frame"
            )
        }
        return decoding.process(frame)
    }

    /// Publishes each record and queues them all for storage as one message, with the ack
    /// request of a durable frame last; counts as dropped what a stop's deadline cut off.
    private func deliver(_ outcome: DecodeOutcome) throws {
        guard try output.deliver(publishing: outcome.messages, storing: outcome.storeMessage) else {
            metrics.droppedOnStop(outcome.messages.count)
            logger.warning("drain timeout passed: dropped messages storage did not accept in time", metadata: ["count": "\(outcome.messages.count)"])
            return
        }
        for index in outcome.messages.indices { metrics.sent(outcome.topicKind(at: index)) }
    }

    private func close() {
        frames.close()
        output.close()
    }

    /// The bytes as `Data` without copying them; valid only while `bytes` is. SwiftProtobuf copies
    /// what it keeps (the payload), so the decoded `Frame` does not outlive the buffer's memory.
    private static func borrowedData(_ bytes: UnsafeRawBufferPointer) -> Data {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return Data() }
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
    }
}

extension Duration {
    /// The duration in whole nanoseconds.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
