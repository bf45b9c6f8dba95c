import TrackwireProtocol

/// GPS103 (TK103-2 / Coban text), PROTOCOLS.md §4. Every data line carries `imei:<IMEI>`.
public struct GPS103Codec: DeviceCodec, CommandEncoding {
    public let name = "gps103"

    public init() {}

    public func makeFramer() -> any Framer { GPS103Framer() }

    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        GPS103Replies.examine(frame)
    }

    public func decode(_ frame: [UInt8], context: DecodeContext) throws(DecodeError) -> Decoded {
        try GPS103Decoder(protocolName: name, context: context).decode(frame)
    }

    public func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        try GPS103CommandEncoder.encode(command, context: context)
    }
}
