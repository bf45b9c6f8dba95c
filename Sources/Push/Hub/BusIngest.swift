import Foundation
import SwiftProtobuf
import TrackwireProtocol

/// Turns one bus message into a `WireMessage` for the hub: parses the topic, decodes the body and
/// renders its JSON once (`MessageRegistry.json(of:)`: the one position JSON). Bad input becomes a `Rejection` (the caller counts it and publishes a reject).
struct BusIngest {
    let hub: Hub

    /// Why a bus message was refused.
    struct Rejection: Error {
        let errorType: String
        let reason: String
    }

    /// Hands `topic` + `body` to the hub, or says why not.
    func ingest(topic: String, body: [UInt8]) throws(Rejection) {
        guard let parsed = Topic.parse(topic), let device = parsed.device else {
            throw Rejection(errorType: "bad_topic", reason: "topic '\(topic)' is not a pos/evt/ses topic with a device")
        }
        let kind: MessageKind
        switch parsed.kind {
        case .pos: kind = .position
        case .evt: kind = .event
        case .ses: kind = .session
        default: throw Rejection(errorType: "bad_topic", reason: "push does not handle '\(parsed.kind.rawValue)' topics")
        }
        let message: any SwiftProtobuf.Message
        let data: String
        do {
            message = try MessageRegistry.decode(topic: topic, body: body)
            data = try MessageRegistry.json(of: message)
        } catch {
            throw Rejection(errorType: "bad_message", reason: "\(error)")
        }
        let timeMs = Self.timeMs(of: message)
        hub.deliver(device: device, kind: kind, eventKind: parsed.eventKind) { offset in
            WireMessage(device: device, offset: offset, kind: kind, eventKind: parsed.eventKind, topic: topic, timeMs: timeMs, data: data)
        }
    }

    /// When the message says it happened, unix ms.
    static func timeMs(of message: any SwiftProtobuf.Message) -> Int64 {
        switch message {
        case let position as Position: position.fixTimeMs != 0 ? position.fixTimeMs : position.serverTimeNs / 1_000_000
        case let event as Event: event.timeMs
        case let session as Session: session.timeNs / 1_000_000
        default: 0
        }
    }
}
