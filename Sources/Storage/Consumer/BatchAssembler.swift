import Foundation
import SwiftProtobuf
import TrackwireProtocol

/// Turns store-queue messages into a `WriteBatch`: the topic's first word says which message the
/// body is. What cannot be decoded becomes a dead letter (a `Reject` from stage `storage`), never
/// a crash. Pure: no I/O, no clock (times are passed in).
struct BatchAssembler {
    /// What one message became.
    enum Intake: Equatable {
        case position, event, session, reject, ackRequest, commandReport
        /// A message of several pairs (what one device frame became), with the error types of any
        /// pairs kept as dead letters.
        case unit(pairs: Int, refused: [String])
        /// Undecodable: kept as a dead letter with this error type.
        case refused(errorType: String)
    }

    let instance: String
    private(set) var batch = WriteBatch()
    /// When the oldest message of the current batch arrived.
    private(set) var startedAt: ContinuousClock.Instant?

    init(instance: String) { self.instance = instance }

    /// Adds one message of the store queue, received at `now`: topic/body pairs, usually one; a
    /// decoder queues everything one device frame became as one message (its records, then the
    /// `ack.*` request of a durable frame), so one writer commits them together. A pair that does
    /// not decode becomes a dead letter in its place and the rest of the message is kept, ack
    /// request included: what the frame became is then durable, as records or as dead letters.
    mutating func add(_ parts: [UnsafeRawBufferPointer], nowMs: Int64, at now: ContinuousClock.Instant) -> Intake {
        if batch.isEmpty { startedAt = now }
        guard parts.count >= 2, parts.count % 2 == 0 else {
            let topic = parts.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
            return refuse(topic: topic, body: parts.count > 1 ? Array(parts[1]) : [], errorType: "bad_message",
                          reason: "a store-queue message is topic/body pairs, this one had \(parts.count) parts", nowMs: nowMs)
        }
        var last = Intake.reject
        var refused: [String] = []
        for pair in stride(from: 0, to: parts.count, by: 2) {
            last = add(topic: String(decoding: parts[pair], as: UTF8.self), body: parts[pair + 1], nowMs: nowMs)
            if case .refused(let errorType) = last { refused.append(errorType) }
        }
        return parts.count == 2 ? last : .unit(pairs: parts.count / 2, refused: refused)
    }

    /// Hands the batch over and starts an empty one.
    mutating func take() -> WriteBatch {
        defer {
            batch = WriteBatch()
            startedAt = nil
        }
        return batch
    }

    /// Adds one topic/body pair, or its dead letter.
    private mutating func add(topic: String, body: UnsafeRawBufferPointer, nowMs: Int64) -> Intake {
        do {
            return try decode(topic: topic, body: body)
        } catch let refusal as Refusal {
            return refuse(topic: topic, body: Array(body), errorType: refusal.errorType, reason: refusal.reason, nowMs: nowMs)
        } catch {
            return refuse(topic: topic, body: Array(body), errorType: "bad_body", reason: "the body does not decode: \(error)", nowMs: nowMs)
        }
    }

    private mutating func decode(topic: String, body: UnsafeRawBufferPointer) throws -> Intake {
        guard let kind = Topic.parse(topic)?.kind else {
            throw Refusal(errorType: "bad_topic", reason: "'\(topic)' is not a Trackwire topic")
        }
        switch kind {
        case .pos:
            do {
                batch.positions.append(try PositionRow(encoded: Array(body)))
            } catch {
                throw Refusal(errorType: "bad_body", reason: "the body of '\(topic)' is \(error)")
            }
            return .position
        case .evt:
            batch.events.append(try Self.decode(Event.self, body, topic: topic))
            return .event
        case .ses:
            batch.sessions.append(try Self.decode(Session.self, body, topic: topic))
            return .session
        case .err:
            batch.rejects.append(try Self.decode(Reject.self, body, topic: topic))
            return .reject
        case .ack:
            let request = try Self.decode(Ack.self, body, topic: topic)
            guard !request.gatewayID.isEmpty, request.sequence > 0 else {
                throw Refusal(errorType: "bad_ack", reason: "an ack request names a gateway and a sequence, '\(topic)' did not")
            }
            batch.ackRequests.append(request)
            return .ackRequest
        case .cmd:
            let report = try Self.decode(Command.self, body, topic: topic)
            guard !report.id.isEmpty, ["sent", "failed"].contains(report.status) else {
                throw Refusal(errorType: "bad_command_report", reason: "a command report on the store queue names a command and the status sent or failed, '\(topic)' did not")
            }
            batch.commandReports.append(report)
            return .commandReport
        default:
            throw Refusal(errorType: "unexpected_topic", reason: "storage keeps pos.*, evt.*, ses.*, err.* (and ack.* requests, cmd.* status reports), not '\(topic)'")
        }
    }

    private mutating func refuse(topic: String, body: [UInt8], errorType: String, reason: String, nowMs: Int64) -> Intake {
        batch.rejects.append(.with {
            $0.stage = "storage"
            $0.instance = instance
            $0.errorType = errorType
            $0.reason = reason
            $0.topic = topic
            $0.body = Data(body)
            $0.timeMs = nowMs
        })
        return .refused(errorType: errorType)
    }

    private static func decode<M: SwiftProtobuf.Message>(_ type: M.Type, _ body: UnsafeRawBufferPointer, topic: String) throws -> M {
        do {
            return try M(serializedBytes: Array(body))
        } catch {
            throw Refusal(errorType: "bad_body", reason: "the body of '\(topic)' is not a \(M.protoMessageName)")
        }
    }

    private struct Refusal: Error {
        let errorType: String
        let reason: String
    }
}
