import TrackwireProtocol

/// TK103 (Xexun-style `( … )` protocol and its comma-separated variant), docs/protocols/tk103.md.
///
/// Listener options: `speed` (`kn`, `mph`, `mps`; km/h by default), `decodeLow=true` reports
/// clear io-mask bits too, `alternative=true` encodes commands in the SMS form.
public struct TK103Codec: DeviceCodec, CommandEncoding {

    /// A codec with Traccar-compatible defaults.
    public init() {}

    /// A framer for one TCP connection.
    public func makeFramer() -> any Framer { TK103Framer() }

    /// The device id the frame names and the reply the device expects.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        TK103Replies.examine(frame)
    }

    /// The frame as positions and events.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws(DecodeError) -> Decoded {
        guard let message = TK103Message(frame) else {
            throw DecodeError("malformed", "not a TK103 message")
        }
        return try TK103Decoder(protocolName: name, context: context).decode(message)
    }

    /// The bytes of a downlink command.
    public func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        try TK103CommandEncoder.encode(command, context: context)
    }
}
