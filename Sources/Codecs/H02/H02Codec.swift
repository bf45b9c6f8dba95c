import TrackwireProtocol

/// H02 (Sinotrack `*HQ` text and `$` binary reports), docs/protocols/h02.md.
///
/// Listener options: `ack=true` answers every message Traccar would not otherwise answer with
/// `*HQ,<id>,R12,<HHmmss>#`; `alternative=true` makes periodic-position commands use `D1`.
public struct H02Codec: DeviceCodec, CommandEncoding {
    /// A fixed binary report length (Traccar's `h02.messageLength`), or `nil` to detect 32/45.
    public let messageLength: Int?

    /// A codec; `messageLength` fixes the binary report length (Traccar's `h02.messageLength`).
    public init(messageLength: Int? = nil) {
        self.messageLength = messageLength
    }

    /// A framer for one TCP connection.
    public func makeFramer() -> any Framer { H02Framer(messageLength: messageLength) }

    /// The device id the frame names and the reply the device expects.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        H02Replies.examine(frame, context: context)
    }

    /// The frame as positions and events.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws(DecodeError) -> Decoded {
        switch frame.first {
        case UInt8(ascii: "$"):
            let position = try H02BinaryDecoder(protocolName: name).decode(frame)
            return TextProto.decoded(.position, deviceId: position.deviceID, positions: [position])
        case UInt8(ascii: "X"):
            throw DecodeError("unsupported", "H02 X-prefixed binary message")
        default:
            guard let sentence = H02Sentence(frame) else {
                throw DecodeError("malformed", "not an H02 message")
            }
            guard let id = sentence.id.isEmpty ? context.deviceId : String(sentence.id) else {
                throw DecodeError("unidentified", "H02 message without id on an unidentified session")
            }
            return try H02TextDecoder(protocolName: name, context: context).decode(sentence, deviceId: id)
        }
    }

    /// The bytes of a downlink command.
    public func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        try H02CommandEncoder.encode(command, context: context)
    }
}
