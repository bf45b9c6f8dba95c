import TrackwireProtocol

/// GPS103 (TK103-2 / Coban text), docs/protocols/gps103.md. Every data line carries `imei:<IMEI>`.
public struct GPS103Codec: DeviceCodec, CommandEncoding {

    /// A codec with Traccar-compatible defaults.
    public init() {}

    /// A framer for one TCP connection.
    public func makeFramer() -> any Framer { GPS103Framer() }

    /// The device id the frame names and the reply the device expects.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        GPS103Replies.examine(frame)
    }

    /// The frame as positions and events.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws(DecodeError) -> Decoded {
        try GPS103Decoder(protocolName: name, context: context).decode(frame)
    }

    /// The bytes of a downlink command.
    public func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        try GPS103CommandEncoder.encode(command, context: context)
    }
}
