import Codecs
import TrackwireProtocol

/// What one frame turned into: the bus messages to send, in order, and what to count.
public struct DecodeOutcome: Sendable, Equatable {
    /// The messages to publish and store: positions, then events; or a single reject.
    public var messages: [Envelope]
    /// What the codec said the frame was; `nil` when the frame was rejected.
    public var frameKind: FrameKind?
    /// How many of `messages` are positions (`pos.*`).
    public var positionCount: Int
    /// How many of `messages` are events (`evt.*`).
    public var eventCount: Int
    /// The reject's short label (`unknown_protocol`, `bad_crc`, `bad_message`, ...); `nil` unless rejected.
    public var errorType: String?
    /// For a durable frame: the `ack.<gateway>` request queued for storage after `messages`, in
    /// the same store-queue message, so that one commit makes them durable and earns the ack.
    /// Never published on the broadcast channel.
    public var ackRequest: Envelope?
    /// Why each filtered position was filtered; their `filtered` records (`err.filter`) follow the
    /// events in `messages`.
    public var filtered: [FilterReason]

    /// An outcome; the counts default to none.
    public init(messages: [Envelope] = [], frameKind: FrameKind? = nil, positionCount: Int = 0, eventCount: Int = 0,
                errorType: String? = nil, ackRequest: Envelope? = nil, filtered: [FilterReason] = []) {
        self.filtered = filtered
        self.messages = messages
        self.frameKind = frameKind
        self.positionCount = positionCount
        self.eventCount = eventCount
        self.errorType = errorType
        self.ackRequest = ackRequest
    }

    /// What goes to storage, as one store-queue message: every record, then the ack request.
    public var storeMessage: [Envelope] {
        guard let ackRequest else { return messages }
        return messages + [ackRequest]
    }

    /// Whether the frame was refused (`messages` then holds one `err.decoder` reject).
    public var isReject: Bool { errorType != nil }

    /// The first word of `messages[index]`'s topic, from the counts: positions come first.
    public func topicKind(at index: Int) -> TopicKind {
        if index < positionCount { return .pos }
        return index < positionCount + eventCount ? .evt : .err
    }
}

/// Running totals of a `FrameDecoding`, for benchmarks and logs.
public struct DecodeTally: Sendable, Equatable {
    /// Frames processed, rejected ones included.
    public var frames = 0
    /// Positions produced.
    public var positions = 0
    /// Events produced.
    public var events = 0
    /// Rejects produced.
    public var rejects = 0
    /// Positions filtered out.
    public var filtered = 0

    /// No frames yet.
    public init() {}

    mutating func add(_ outcome: DecodeOutcome) {
        frames += 1
        positions += outcome.positionCount
        events += outcome.eventCount
        if outcome.isReject { rejects += 1 }
        filtered += outcome.filtered.count
    }
}
