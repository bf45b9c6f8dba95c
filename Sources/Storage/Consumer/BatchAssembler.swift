import Foundation
import SwiftProtobuf
import TrackwireProtocol

/// Turns store-queue messages into a `WriteBatch`: the topic's first word says which message the
/// body is. What cannot be decoded becomes a dead letter (a `Reject` from stage `storage`), never
/// a crash. Pure: no I/O, no clock (times are passed in).
struct BatchAssembler {
    /// What one message became.
    enum Intake: Equatable {
        case position, event, session, reject
        /// Undecodable: kept as a dead letter with this error type.
        case refused(errorType: String)
    }

    let instance: String
    private(set) var batch = WriteBatch()
    /// When the oldest message of the current batch arrived.
    private(set) var startedAt: ContinuousClock.Instant?

    init(instance: String) { self.instance = instance }

    /// Adds one message of the store queue, received at `now`.
    mutating func add(_ parts: [UnsafeRawBufferPointer], nowMs: Int64, at now: ContinuousClock.Instant) -> Intake {
        if batch.isEmpty { startedAt = now }
        guard parts.count == 2 else {
            return refuse(topic: parts.first.map { String(decoding: $0, as: UTF8.self) } ?? "", body: parts.count > 1 ? Array(parts[1]) : [],
                          errorType: "bad_message", reason: "a store-queue message has 2 parts (topic, body), this one had \(parts.count)", nowMs: nowMs)
        }
        let topic = String(decoding: parts[0], as: UTF8.self)
        do {
            return try add(topic: topic, body: parts[1])
        } catch let refusal as Refusal {
            return refuse(topic: topic, body: Array(parts[1]), errorType: refusal.errorType, reason: refusal.reason, nowMs: nowMs)
        } catch {
            return refuse(topic: topic, body: Array(parts[1]), errorType: "bad_body", reason: "the body does not decode: \(error)", nowMs: nowMs)
        }
    }

    /// Hands the batch over and starts an empty one.
    mutating func take() -> WriteBatch {
        defer {
            batch = WriteBatch()
            startedAt = nil
        }
        return batch
    }

    private mutating func add(topic: String, body: UnsafeRawBufferPointer) throws -> Intake {
        guard let kind = Topic.parse(topic)?.kind else {
            throw Refusal(errorType: "bad_topic", reason: "'\(topic)' is not a Trackwire topic")
        }
        switch kind {
        case .pos:
            batch.positions.append(try Self.decode(Position.self, body, topic: topic))
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
        default:
            throw Refusal(errorType: "unexpected_topic", reason: "storage keeps pos.*, evt.*, ses.* and err.*, not '\(topic)'")
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
