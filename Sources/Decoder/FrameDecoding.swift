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

    /// A decoder core; `codec` finds a protocol's codec (default: every codec Trackwire speaks) and
    /// `nowMs` is the wall clock in unix milliseconds (tests pass a fixed one).
    public init(
        instance: String,
        codec: @escaping @Sendable (String) -> (any DeviceCodec)? = CodecRegistry.codec(named:),
        nowMs: @escaping @Sendable () -> Int64 = FrameDecoding.wallClockMs
    ) {
        self.instance = instance
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

    private func decode(_ frame: Frame) throws -> DecodeOutcome {
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
        for index in positions.indices {
            frame.stamp(&positions[index], fallbackDevice: fallbackDevice, reference: reference)
            messages.append(Envelope(topic: Topic.position(device: positions[index].deviceID), message: positions[index]))
        }
        for index in events.indices {
            frame.stamp(&events[index], fallbackDevice: fallbackDevice, reference: reference)
            messages.append(Envelope(topic: Topic.event(device: events[index].deviceID, kind: events[index].kind), message: events[index]))
        }
        return DecodeOutcome(messages: messages, frameKind: decoded.kind, positionCount: positions.count, eventCount: events.count)
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
