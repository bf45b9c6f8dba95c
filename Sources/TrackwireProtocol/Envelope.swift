import SwiftProtobuf

/// One bus message: frame 1 the topic (UTF-8), frame 2 the protobuf body (docs/architecture.md, "The bus").
public struct Envelope: Sendable, Equatable {
    /// The topic, whose first word names the body's type.
    public var topic: String
    /// The serialised protobuf body.
    public var body: [UInt8]

    /// An envelope from raw parts.
    public init(topic: String, body: [UInt8]) {
        self.topic = topic
        self.body = body
    }

    /// An envelope carrying a message, serialised; positions and events by their hand-written
    /// encoders (the same bytes, faster), chosen here rather than by overloads: an `Event`
    /// overload was passed over for this generic one at the decoder's call site (perf and the
    /// disassembly showed swift-protobuf's visitors still serialising its events).
    public init(topic: String, message: some SwiftProtobuf.Message) {
        self.topic = topic
        switch message {
        case let position as Position: self.body = position.encodedBytes()
        case let event as Event: self.body = event.encodedBytes()
        // Serialising a fully initialised proto3 message cannot fail.
        default: self.body = (try? message.serializedBytes()) ?? []
        }
    }

    /// An envelope carrying a position, encoded by the hand-written `Position.encodedBytes()`
    /// (the same bytes, faster: positions are most of what the bus carries).
    public init(topic: String, message: Position) {
        self.topic = topic
        self.body = message.encodedBytes()
    }

    /// Decodes the body as the given message type.
    public func decode<M: SwiftProtobuf.Message>(_ type: M.Type = M.self) throws -> M {
        try M(serializedBytes: body)
    }

    /// The two frames as sent on the wire.
    public var frames: [[UInt8]] { [Array(topic.utf8), body] }

    /// Every topic/body pair of one message, in order: a store-queue message carries everything
    /// one device frame became (and a durable frame's `ack.*` request) as consecutive pairs;
    /// other messages are one pair. `nil` unless the frames come in pairs with UTF-8 topics.
    public static func pairs(frames: [[UInt8]]) -> [Envelope]? {
        guard !frames.isEmpty, frames.count % 2 == 0 else { return nil }
        var envelopes: [Envelope] = []
        envelopes.reserveCapacity(frames.count / 2)
        for index in stride(from: 0, to: frames.count, by: 2) {
            guard let envelope = Envelope(frames: [frames[index], frames[index + 1]]) else { return nil }
            envelopes.append(envelope)
        }
        return envelopes
    }

    /// Rebuilds an envelope from received frames; `nil` unless exactly two frames with a UTF-8 topic.
    public init?(frames: [[UInt8]]) {
        guard frames.count == 2, let topic = String(validating: frames[0], as: UTF8.self) else { return nil }
        self.init(topic: topic, body: frames[1])
    }
}
