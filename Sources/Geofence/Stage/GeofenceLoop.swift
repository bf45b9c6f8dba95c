import Foundation
import Logging
import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// The geofence stage's I/O, on the one thread that owns its three sockets: a SUB on this shard's
/// positions and `cfg.geofence`, a PUB to the broadcast channel and a PUSH to the store queue.
/// Every event is published (never blocks) and queued for storage (blocks: back-pressure).
/// Snapshots the detector's state every `snapshotInterval` and once more when it stops.
final class GeofenceLoop {
    /// The stage name in topics, rejects and metrics.
    static let stage = "geofence"

    private let input: Socket
    private let output: BusOutput
    private let stop: StopSignal
    private let logger: Logger
    private let instance: String
    private let configuration: GeofenceConfiguration
    private let stateStore: StateStore
    private var detector: GeofenceDetector
    private var metrics: GeofenceMetrics
    private var nextSnapshot: ContinuousClock.Instant
    private var changedSinceSnapshot = false
    private var nextTick: ContinuousClock.Instant = .now

    /// Takes `input` (already subscribed) and opens the output sockets; call on the thread that will `run`.
    init(
        input: Socket, detector: GeofenceDetector, context: StageContext, configuration: GeofenceConfiguration,
        metrics: GeofenceMetrics, stop: StopSignal
    ) throws {
        self.input = input
        output = try BusOutput(
            context: context, publish: configuration.publish, store: configuration.store,
            drainTimeout: configuration.drainTimeout, stop: stop, wakeIntervalMs: configuration.wakeIntervalMs
        )
        self.detector = detector
        self.metrics = metrics
        self.stop = stop
        self.configuration = configuration
        logger = context.logger
        instance = context.instance
        stateStore = StateStore(directory: configuration.stateDirectory)
        nextSnapshot = .now + configuration.snapshotInterval.duration
    }

    /// The orchestration loop: take a message, act on it, deliver what it raised, snapshot when
    /// due, until a stop; then handle what libzmq had already taken, snapshot, and close.
    func run() throws {
        defer { close() }
        do {
            while !stop.isRequested {
                if try !takeOne() { try input.waitUntil(.readable, timeoutMs: configuration.wakeIntervalMs) }
                if ContinuousClock.now >= nextTick { try tick() }
                if ContinuousClock.now >= nextSnapshot { snapshot() }
            }
            var drained = 0
            while drained < 100_000, !stop.isPastDeadline, try takeOne() { drained += 1 }
        } catch let error as ZMQError where error.isTerminated {
            logger.info("geofence stopping: the ZeroMQ context is shutting down")
        }
        changedSinceSnapshot = true
        snapshot()
        logger.info("geofence stopped", metadata: ["devices": "\(detector.state.devices.count)", "fences": "\(detector.fences.count)"])
    }

    /// Handles one message if one is ready; `false` if none is.
    private func takeOne() throws -> Bool {
        guard let parts = try input.receive(wait: false) else { return false }
        guard let envelope = Envelope(frames: parts) else {
            try reject(topic: parts.first.map { String(decoding: $0, as: UTF8.self) } ?? "", body: parts.count > 1 ? parts[1] : [],
                       errorType: "bad_message", reason: "a bus message has 2 parts (topic, body), this one had \(parts.count)")
            return true
        }
        if envelope.topic == Topic.geofenceConfig {
            try change(envelope)
        } else if envelope.topic.hasPrefix("pos.") {
            try position(envelope)
        } else if envelope.topic.hasPrefix("ses.") {
            try session(envelope)
        } else {
            try reject(envelope, errorType: "bad_topic", reason: "geofence takes pos.*, ses.* and cfg.geofence, not '\(envelope.topic)'")
        }
        return true
    }

    private func position(_ envelope: Envelope) throws {
        metrics.receivedPosition()
        guard let position = try? PositionRow(encoded: envelope.body) else {
            return try reject(envelope, errorType: "bad_message", reason: "the body of a pos.* message is not a trackwire.v1.Position")
        }
        // The subscription already limits us to our partitions; a device in a topic that does not
        // match its id would otherwise be tracked by two shards.
        guard configuration.shard.owns(device: position.deviceID) else { return metrics.skipped("foreign_shard") }
        let outcome = detector.process(position)
        changedSinceSnapshot = true
        if let skipped = outcome.skipped { metrics.skipped(skipped.rawValue) }
        try deliver(outcome.events)
    }

    /// A gateway's session record: online at login, offline after a TCP disconnect (docs/events.md).
    private func session(_ envelope: Envelope) throws {
        metrics.receivedSession()
        guard let record = try? envelope.decode(Session.self) else {
            return try reject(envelope, errorType: "bad_message", reason: "the body of a ses.* message is not a trackwire.v1.Session")
        }
        guard configuration.shard.owns(device: record.deviceID) else { return metrics.skipped("foreign_shard") }
        let events = detector.session(record)
        changedSinceSnapshot = true
        try deliver(events)
    }

    /// Once a second: what time alone raises (offline, dwell without a fix).
    private func tick() throws {
        nextTick = .now + .seconds(1)
        let events = detector.tick(nowMs: Int64(Date().timeIntervalSince1970 * 1000))
        guard !events.isEmpty else { return }
        changedSinceSnapshot = true
        try deliver(events)
    }

    private func deliver(_ events: [Event]) throws {
        for event in events {
            guard try deliver(Envelope(topic: Topic.event(device: event.deviceID, kind: event.kind), message: event)) else { return }
            metrics.sent(event)
        }
    }

    private func change(_ envelope: Envelope) throws {
        metrics.receivedChange()
        do {
            let change = try envelope.decode(GeofenceChange.self)
            let applied = try detector.apply(change)
            metrics.fenceChange(applied ? (change.op == .delete ? "delete" : "upsert") : "ignored")
            metrics.sizes(fences: detector.fences.count, devices: detector.state.devices.count)
            changedSinceSnapshot = true
            logger.info("fence change", metadata: ["op": "\(change.op)", "id": "\(change.geofence.id)", "applied": "\(applied)"])
        } catch let error as FenceError {
            try reject(envelope, errorType: "bad_fence", reason: "cfg.geofence refused: \(error)")
        } catch {
            try reject(envelope, errorType: "bad_message", reason: "the body of cfg.geofence is not a trackwire.v1.GeofenceChange")
        }
    }

    /// Publishes and queues for storage; `false` if a stop's drain deadline cut it off.
    private func deliver(_ message: Envelope) throws -> Bool {
        guard try output.deliver(topic: message.topic, body: message.body) else {
            metrics.droppedOnStop(1)
            logger.warning("drain timeout passed: dropped a message storage did not accept in time", metadata: ["topic": "\(message.topic)"])
            return false
        }
        return true
    }

    private func reject(_ envelope: Envelope, errorType: String, reason: String) throws {
        try reject(topic: envelope.topic, body: envelope.body, errorType: errorType, reason: reason)
    }

    private func reject(topic: String, body: [UInt8], errorType: String, reason: String) throws {
        metrics.error(errorType)
        logger.warning("rejected a bus message", metadata: ["topic": "\(topic)", "error_type": "\(errorType)", "reason": "\(reason)"])
        let reject = Reject.with {
            $0.stage = Self.stage
            $0.instance = instance
            $0.reason = reason
            $0.errorType = errorType
            $0.topic = topic
            $0.body = Data(body)
            $0.timeMs = Int64(Date().timeIntervalSince1970 * 1000)
        }
        _ = try deliver(Envelope(topic: Topic.reject(stage: Self.stage), message: reject))
    }

    /// Writes the state if it changed since the last snapshot; a failure is logged, not fatal.
    private func snapshot() {
        nextSnapshot = .now + configuration.snapshotInterval.duration
        guard changedSinceSnapshot else { return }
        do {
            try stateStore.save(detector.state)
            changedSinceSnapshot = false
            metrics.snapshotWritten()
            metrics.sizes(fences: detector.fences.count, devices: detector.state.devices.count)
        } catch {
            metrics.error("snapshot_failed")
            logger.error("cannot write the state snapshot", metadata: ["file": "\(stateStore.file.path)", "error": "\(error)"])
        }
    }

    private func close() {
        input.close()
        output.close()
    }
}
