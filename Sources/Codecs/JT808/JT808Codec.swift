import TrackwireProtocol

/// JT/T 808 terminals (docs/protocols/jt808.md): `7E`-delimited escaped binary frames (or the
/// `E7` variant) naming their terminal in every header, 0x8001/0x8100/0x8109/0x4401 replies,
/// location reports with Traccar's extras, and `(…)` ASCII lines. Options: `ModelOverride`,
/// `TimeZoneOffset` (the terminals' clock, GMT+8 by default) and `Alternative` (engine commands
/// as 0xA006 oil control).
public struct JT808Codec: DeviceCodec, CommandEncoding {
    /// The codec; it holds no state.
    public init() {}

    /// A `JT808Framer` for one TCP connection.
    public func makeFramer() -> any Framer { JT808Framer() }

    /// Names the terminal and gives Traccar's reply; flags `bad_length` (declared body length)
    /// and `bad_crc` (check byte) without withholding the reply. Registrations, authentication,
    /// logouts, empty heartbeats and time requests carry nothing to store.
    public func examine(_ bytes: [UInt8], context: SessionContext) -> Examination {
        if bytes.first == UInt8(ascii: "(") { return JT808TextLine(bytes).examination(receivedAtMs: context.receivedAtMs) }
        let frame: JT808Frame
        do { frame = try JT808Frame(bytes) } catch { return Examination(problem: "bad_length") }
        var examination = Examination(deviceId: JT808Identity.deviceId(frame.terminalId), reply: Self.reply(to: frame, context: context))
        examination.storesData = !Self.carriesNothing(frame)
        if !frame.lengthIsConsistent {
            examination.problem = "bad_length"
        } else if !frame.checkIsValid {
            examination.problem = "bad_crc"
        }
        return examination
    }

    /// Decodes one frame; the check byte is not enforced, as in Traccar.
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws -> Decoded {
        if bytes.first == UInt8(ascii: "(") { return try JT808TextLine(bytes).decoded(context: context) }
        let decoder = JT808Decoder(frame: try JT808Frame(bytes), settings: JT808Settings(options: context.options), receivedAtMs: context.receivedAtMs)
        return try decoder.decode()
    }

    /// Message ids answered with the 0x8001 general response.
    private static let generallyAnswered: Set<UInt16> = [
        0x0002, 0x0003, 0x0102, 0x0107, 0x0200, 0x0210, 0x0506, 0x0704, 0x0900, 0x1007, 0x6006, 0x8888,
    ]

    private static func reply(to frame: JT808Frame, context: SessionContext) -> [UInt8]? {
        switch frame.type {
        case 0x0100: return JT808Reply.registration(to: frame)
        case 0x0109: return context.receivedAtMs > 0 ? JT808Reply.timeSync(to: frame, nowMs: context.receivedAtMs) : nil
        case 0x5501, 0x5502: return frame.attributes & 0x8000 != 0 ? JT808Reply.locationAck(to: frame) : nil
        default: return generallyAnswered.contains(frame.type) ? JT808Reply.general(to: frame) : nil
        }
    }

    /// Registrations, authentication, logouts, bare heartbeats, time and time-zone syncs.
    private static func carriesNothing(_ frame: JT808Frame) -> Bool {
        switch frame.type {
        case 0x0100, 0x0102, 0x0003, 0x0506, 0x0109, 0x1007, 0x8888: true
        case 0x0002: frame.bytes.count - frame.bodyStart < 4
        default: false
        }
    }
}
