import TrackwireProtocol

/// GT06 / Concox binary protocol (docs/protocols/gt06.md): `78 78` / `79 79` frames, login by IMEI,
/// GPS/LBS/status messages with Traccar's variants and alarm mapping, command replies, and 0x80
/// downlink commands. Decoder option `ModelOverride` selects model-specific readings.
public struct GT06Codec: DeviceCodec, CommandEncoding {
    /// The protocol name in topics and frames.
    public static var protocolName: String { descriptor.name }

    /// A GT06 codec; it keeps no state, options come with each call.
    public init() {}

    /// A framer cutting `78 78` / `79 79` frames by length, falling back to the `0D 0A` terminator.
    public func makeFramer() -> any Framer { GT06Framer() }

    /// Identifies login frames, gives Traccar's reply (CRC-16/X-25 acks, the 0x17/0x69 time echo,
    /// the 0x2A address answer) and flags `bad_length` / `bad_crc`. The login ack is always given;
    /// the gateway decides whether the IMEI is welcome. 0x8A time requests are answered with the
    /// gateway's clock (`context.receivedAtMs`), as Traccar does.
    public func examine(_ bytes: [UInt8], context: SessionContext) -> Examination {
        let frame: GT06Frame
        do { frame = try GT06Frame(bytes) } catch { return Examination(problem: error.errorType) }
        let variant = GT06Variant(frame)
        let route = GT06Route(frame, variant: variant, model: GT06Model(options: context.options))
        var examination = Examination(reply: GT06Reply.reply(to: frame, route: route, variant: variant))
        if route == .timeRequest, context.receivedAtMs > 0 {
            examination.reply = GT06Reply.timeResponse(nowMs: context.receivedAtMs)
        }
        if route == .login {
            examination.deviceId = try? GT06Decoder.imei(frame)
            examination.storesData = false
        }
        if !frame.lengthIsConsistent {
            examination.problem = "bad_length"
        } else if !frame.crcIsValid {
            examination.problem = "bad_crc"
        }
        return examination
    }

    /// Decodes one frame. Logins give `.login` with the IMEI; any other frame needs the session's
    /// device id (`unidentified` otherwise). The CRC is not checked, as in Traccar.
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws -> Decoded {
        let frame = try GT06Frame(bytes)
        let decoding = GT06Decoding(frame: frame, variant: GT06Variant(frame), model: GT06Model(options: context.options))
        let route = GT06Route(frame, variant: decoding.variant, model: decoding.model)
        if route == .login { return Decoded(kind: .login, deviceId: try GT06Decoder.imei(frame)) }
        guard let deviceId = context.deviceId else {
            throw DecodeError("unidentified", "GT06 message 0x\(GT06Blocks.hex([frame.type])) before login")
        }
        let (kind, record) = try GT06Decoder.decode(route, decoding)
        return record.decoded(kind: kind, deviceId: deviceId, context: context)
    }
}
