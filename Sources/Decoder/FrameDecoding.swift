import Codecs
import Foundation
import SwiftProtobuf
import TrackwireProtocol

/// The decoder's pure core (docs/architecture.md, tw-decoder): one `Frame` in, the bus messages it becomes out.
/// No sockets and no clock of its own: the reject time comes from `nowMs`.
public struct FrameDecoding: Sendable {
    /// The stage name in reject topics and bodies.
    public static let stage = "decoder"

    /// This process's instance name, stamped on rejects.
    public let instance: String
    private let codec: @Sendable (String) -> (any DeviceCodec)?
    private let nowMs: @Sendable () -> Int64
    /// What has been processed so far.
    public private(set) var tally = DecodeTally()
    /// The position filters and what they remember per device (docs/filters.md).
    private var filter: PositionFilter

    /// A decoder core; `codec` finds a protocol's codec (default: every codec Trackwire speaks) and
    /// `nowMs` is the wall clock in unix milliseconds (tests pass a fixed one); `filters` says
    /// which positions become `filtered` records instead (none by default).
    public init(
        instance: String,
        codec: @escaping @Sendable (String) -> (any DeviceCodec)? = CodecRegistry.codec(named:),
        nowMs: @escaping @Sendable () -> Int64 = FrameDecoding.wallClockMs,
        filters: FilterSettings = FilterSettings()
    ) {
        self.instance = instance
        filter = PositionFilter(settings: filters)
        self.codec = codec
        self.nowMs = nowMs
    }

    /// Decodes one frame into `pos.*` and `evt.*` messages, or an `err.decoder` reject carrying the
    /// whole frame when its protocol is unknown or its codec refuses it. Never throws.
    public mutating func process(_ frame: Frame) -> DecodeOutcome {
        var outcome: DecodeOutcome
        do {
            outcome = try decode(frame)
        } catch let error as DecodeError {
            outcome = rejection(of: frame, error)
        } catch {
            outcome = rejection(of: frame, DecodeError("decode_failed", "\(error)"))
        }
        outcome.ackRequest = Self.ackRequest(for: frame, positions: outcome.positionCount)
        tally.add(outcome)
        return outcome
    }

    /// An `err.decoder` reject for a bus message that is not a usable frame (wrong number of parts,
    /// a body that is not a `Frame`), keeping the message as it arrived.
    public mutating func reject(topic: String, body: [UInt8], errorType: String, reason: String) -> DecodeOutcome {
        let outcome = rejection(topic: topic, body: body, DecodeError(errorType, reason))
        tally.add(outcome)
        return outcome
    }

    /// The current time in unix milliseconds.
    @Sendable public static func wallClockMs() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    private mutating func decode(_ frame: Frame) throws -> DecodeOutcome {
        guard let codec = codec(frame.protocol) else {
            throw DecodeError("unknown_protocol", "no codec for protocol '\(frame.protocol)'; the gateway and decoder versions may differ")
        }
        var decoded = try codec.decode(Array(frame.payload), context: frame.decodeContext)
        // Logins and keep-alives usually decode to nothing; a GT06 heartbeat that carries battery,
        // ignition or alarm bits decodes to a status position (valid = false), kept as Traccar does.
        let fallbackDevice = decoded.deviceId ?? frame.deviceID
        // Take the arrays out of `decoded` so they are uniquely owned and stamping writes in place
        // instead of copying each message's protobuf storage.
        var positions = decoded.positions
        var events = decoded.events
        decoded.positions = []
        decoded.events = []
        let reference = frame.reference
        var messages: [Envelope] = []
        messages.reserveCapacity(positions.count + events.count)
        var filtered: [(position: Position, reason: FilterReason)] = []
        let now = self.nowMs()
        for index in positions.indices {
            frame.stamp(&positions[index], fallbackDevice: fallbackDevice, reference: reference)
            if let reason = filter.check(positions[index], nowMs: now) {
                filtered.append((positions[index], reason))
                continue
            }
            messages.append(Envelope(topic: Topic.position(device: positions[index].deviceID), message: positions[index]))
        }
        let positionCount = messages.count
        for index in events.indices where !filtered.contains(where: { Self.sameFix($0.position, events[index]) }) {
            frame.stamp(&events[index], fallbackDevice: fallbackDevice, reference: reference)
            messages.append(Envelope(topic: Topic.event(device: events[index].deviceID, kind: events[index].kind), message: events[index]))
        }
        let eventCount = messages.count - positionCount
        // A filtered fix raises no events (a codec's alarm rides on its position) and is kept as a
        // `filtered` record, so the frame's ack still waits for, and follows, its commit.
        messages += filtered.map { filteredRecord($0.position, $0.reason, nowMs: now) }
        return DecodeOutcome(messages: messages, frameKind: decoded.kind, positionCount: positionCount, eventCount: eventCount,
                             filtered: filtered.map(\.reason))
    }

    /// Whether `event` was raised from the (stamped) fix `position`.
    private static func sameFix(_ position: Position, _ event: Event) -> Bool {
        event.hasPosition && event.position.fixTimeMs == position.fixTimeMs
            && event.position.latitude == position.latitude && event.position.longitude == position.longitude
    }

    /// The stage name of `filtered` records (`err.filter`).
    public static let filterStage = "filter"

    /// The `filtered` record of a position: a `Reject` of stage `filter` whose error type is the
    /// reason and whose body is the position, stored and retained like a dead letter (replaying
    /// it stores the position after all).
    private func filteredRecord(_ position: Position, _ reason: FilterReason, nowMs: Int64) -> Envelope {
        let reject = Reject(stage: Self.filterStage, instance: instance, errorType: reason.rawValue,
                            reason: "filtered: \(reason.explanation)", topic: Topic.position(device: position.deviceID),
                            body: (try? position.serializedBytes()) ?? [], timeMs: nowMs)
        return Envelope(topic: Topic.reject(stage: Self.filterStage), message: reject)
    }

    /// The `ack.<gateway>` request of a durable frame (`nil` for other frames): what storage
    /// publishes once everything the frame became is committed.
    static func ackRequest(for frame: Frame, positions: Int) -> Envelope? {
        guard frame.durable, !frame.gatewayID.isEmpty else { return nil }
        let ack = Ack.with {
            $0.gatewayID = frame.gatewayID
            $0.sessionID = frame.sessionID
            $0.sequence = frame.sequence
            $0.deviceID = frame.deviceID
            $0.positions = UInt32(clamping: positions)
        }
        return Envelope(topic: Topic.ack(gateway: frame.gatewayID), message: ack)
    }

    private func rejection(of frame: Frame, _ error: DecodeError) -> DecodeOutcome {
        // Serialising a decoded proto3 message cannot fail; the body keeps the device's bytes.
        rejection(topic: Topic.raw(device: frame.deviceID), body: (try? frame.serializedBytes()) ?? [], error)
    }

    private func rejection(topic: String, body: [UInt8], _ error: DecodeError) -> DecodeOutcome {
        let reject = Reject(stage: Self.stage, instance: instance, errorType: error.errorType, reason: error.message,
                            topic: topic, body: body, timeMs: nowMs())
        return DecodeOutcome(messages: [Envelope(topic: Topic.reject(stage: Self.stage), message: reject)], errorType: error.errorType)
    }
}
