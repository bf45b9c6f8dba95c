import TrackwireProtocol

/// Topin trackers and watches (docs/protocols/topin.md): GT06-like `78 78` frames without serial
/// or CRC, a BCD-IMEI login answered with a time frame, GPS reports (the GT06 GPS block, or the
/// 0x08/0x09 layout), status reports, Wi-Fi/cell reports and alarms; the only downlink is the
/// SOS number.
public struct TopinCodec: DeviceCodec, CommandEncoding {
    /// The codec; it holds no state.
    public init() {}

    /// A `TopinFramer` for one TCP connection.
    public func makeFramer() -> any Framer { TopinFramer() }

    /// Names the device of a login and gives Traccar's replies: the login ack (always `01`, the
    /// gateway decides who is welcome) then the server's time, the time echo of GPS and Wi-Fi
    /// reports, the status echo; time requests get the time frame. Replies that carry the
    /// server's clock need `context.receivedAtMs`.
    public func examine(_ bytes: [UInt8], context: SessionContext) -> Examination {
        guard let frame = try? TopinFrame(bytes) else { return Examination(problem: "bad_length") }
        let time = context.receivedAtMs > 0 ? TopinReplies.time(nowMs: context.receivedAtMs) : nil
        switch frame.type {
        case 0x01:
            let ack = TopinFrame.frame(length: frame.length, type: 0x01, content: [0x01])
            return Examination(deviceId: try? TopinDecoder.imei(frame), reply: ack + (time ?? []), storesData: false)
        case 0x30:
            return Examination(reply: time, storesData: false)
        case 0x10, 0x11, 0x17, 0x18, 0x19, 0x1A, 0x69:
            return Examination(reply: TopinFrame.frame(length: frame.length, type: frame.type, content: frame.content.prefix(6)))
        case 0x13:
            return Examination(reply: bytes)
        default:
            return Examination()
        }
    }

    /// Decodes one frame. Logins give `.login` with the IMEI; any other frame needs the
    /// session's device (`unidentified` otherwise).
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws -> Decoded {
        try TopinDecoder(frame: try TopinFrame(bytes), receivedAtMs: context.receivedAtMs).decode(deviceId: context.deviceId)
    }
}

/// The server's frames that carry its clock.
enum TopinReplies {
    /// `78 78 07 30 <year:2> <month> <day> <hour> <minute> <second> 0D 0A`, binary UTC.
    static func time(nowMs: Int64) -> [UInt8] {
        let t = UTCTime.components(nowMs)
        let fields = [t.month, t.day, t.hour, t.minute, t.second].map { UInt8(truncatingIfNeeded: $0) }
        return TopinFrame.frame(length: 7, type: 0x30, content: bigEndianBytes(UInt16(truncatingIfNeeded: t.year)) + fields)
    }
}
