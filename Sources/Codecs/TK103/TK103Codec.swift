import TrackwireProtocol

/// TK103 (Xexun-style `( … )` protocol and its comma-separated variant), PROTOCOLS.md §10.
///
/// Listener options: `speed` (`kn`, `mph`, `mps`; km/h by default), `decodeLow=true` reports
/// clear io-mask bits too, `alternative=true` encodes commands in the SMS form.
public struct TK103Codec: DeviceCodec, CommandEncoding {
    public let name = "tk103"

    public init() {}

    public func makeFramer() -> any Framer { TK103Framer() }

    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        TK103Replies.examine(frame)
    }

    public func decode(_ frame: [UInt8], context: DecodeContext) throws(DecodeError) -> Decoded {
        guard let message = TK103Message(frame) else {
            throw DecodeError("malformed", "not a TK103 message")
        }
        return TK103Decoder(protocolName: name, context: context).decode(message)
    }

    public func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        try TK103CommandEncoder.encode(command, context: context)
    }
}
