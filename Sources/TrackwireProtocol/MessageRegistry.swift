import Foundation
import SwiftProtobuf

/// Maps a topic's first word to its body's message type, so any bus message can be decoded,
/// rendered as JSON (for `tw tap` and push) or built from JSON (for `tw publish`).
public enum MessageRegistry {
    /// The message type carried under each topic kind.
    public static func messageType(for kind: TopicKind) -> any SwiftProtobuf.Message.Type {
        switch kind {
        case .raw: Frame.self
        case .pos: Position.self
        case .evt: Event.self
        case .ses: Session.self
        case .cmd: Command.self
        case .ack: Ack.self
        case .cfg: GeofenceChange.self
        case .hb: Heartbeat.self
        case .err: Reject.self
        }
    }

    /// The message type for a topic; `nil` if its first word is unknown.
    public static func messageType(forTopic topic: String) -> (any SwiftProtobuf.Message.Type)? {
        let word = topic.prefix { $0 != "." }
        return TopicKind(rawValue: String(word)).map(messageType(for:))
    }

    /// Errors when a bus message cannot be interpreted.
    public struct Error: Swift.Error, CustomStringConvertible {
        public let description: String
    }

    /// Decodes a body by its topic.
    public static func decode(topic: String, body: [UInt8]) throws -> any SwiftProtobuf.Message {
        guard let type = messageType(forTopic: topic) else {
            throw Error(description: "unknown topic '\(topic)': its first word names no message type")
        }
        do {
            return try type.init(serializedBytes: body)
        } catch {
            throw Error(description: "body of '\(topic)' is not a valid \(type.protoMessageName): \(error)")
        }
    }

    /// Builds a body from JSON (proto3 JSON mapping; field names as in the .proto or lowerCamelCase).
    public static func encode(topic: String, json: String) throws -> [UInt8] {
        guard let type = messageType(forTopic: topic) else {
            throw Error(description: "unknown topic '\(topic)': its first word names no message type")
        }
        do {
            let message = try type.init(jsonString: json)
            return try message.serializedBytes()
        } catch let error as Error {
            throw error
        } catch {
            throw Error(description: "JSON is not a valid \(type.protoMessageName): \(error)")
        }
    }

    /// JSON options used everywhere we render bus messages: the .proto field names, so a Python or
    /// Go reader sees the schema's own names.
    public static let jsonOptions: JSONEncodingOptions = {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        return options
    }()

    /// A decoded body as JSON: positions, events and sessions in their one JSON form
    /// (`PositionJSON`, `EventJSON`, `SessionJSON`: what the storage API, push and webhooks send),
    /// every other message in the proto3 JSON mapping with the .proto field names.
    public static func json(of message: any SwiftProtobuf.Message) throws -> String {
        switch message {
        case let position as Position: PositionJSON.render(position).text
        case let event as Event: EventJSON.render(event).text
        case let session as Session: SessionJSON.render(session).text
        default: try message.jsonString(options: jsonOptions)
        }
    }

    /// Renders a message as one JSON object `{"topic":…,"type":…,"body":{…}}`; undecodable bodies
    /// render with an `error` and the body in hex, so a tap never hides a message.
    public static func renderJSON(topic: String, body: [UInt8], rawHex: Bool = false) -> String {
        let topicJSON = JSONString.quoted(topic)
        if rawHex {
            return #"{"topic":\#(topicJSON),"hex":"\#(Hex.encode(body))"}"#
        }
        do {
            let message = try decode(topic: topic, body: body)
            let rendered = try json(of: message)
            let typeName = type(of: message).protoMessageName
            return #"{"topic":\#(topicJSON),"type":"\#(typeName)","body":\#(rendered)}"#
        } catch {
            return #"{"topic":\#(topicJSON),"error":\#(JSONString.quoted(String(describing: error))),"hex":"\#(Hex.encode(body))"}"#
        }
    }
}
