import TrackwireProtocol

/// Turns bus messages into `tw tap`'s output lines: one JSON object per message, or `nil` for a
/// message the device filter leaves out. Pure, so tests feed it frames directly.
public struct TapFormatter: Sendable {
    /// Keep only topics whose device (per `Topic.parse`) is this id.
    public var device: String?
    /// Render bodies as hex instead of decoding them.
    public var rawHex: Bool

    /// A formatter with the given filter and body rendering.
    public init(device: String? = nil, rawHex: Bool = false) {
        self.device = device
        self.rawHex = rawHex
    }

    /// The line for one received message, or `nil` if filtered out.
    public func line(for frames: [[UInt8]]) -> String? {
        guard let envelope = Envelope(frames: frames) else {
            guard device == nil else { return nil }
            let hex = frames.map { "\"\(Hex.encode($0))\"" }.joined(separator: ",")
            return #"{"error":"not a bus message: expected topic and body, got \#(frames.count) frame(s)","frames":[\#(hex)]}"#
        }
        if let device, Topic.parse(envelope.topic)?.device != device { return nil }
        return MessageRegistry.renderJSON(topic: envelope.topic, body: envelope.body, rawHex: rawHex)
    }
}
