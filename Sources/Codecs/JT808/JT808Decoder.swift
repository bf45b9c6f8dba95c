import TrackwireProtocol

/// Sends a JT808 frame to the reader of its message id (docs/protocols/jt808.md) and names what
/// kind of frame it was. Every frame names its terminal, so no session is needed.
struct JT808Decoder {
    let frame: JT808Frame
    let settings: JT808Settings
    let receivedAtMs: Int64

    /// The device the frame's terminal id names.
    var deviceId: String { JT808Identity.deviceId(frame.terminalId) }

    /// Decodes the frame; throws `unsupported` for message ids Traccar does not read.
    func decode() throws(DecodeError) -> Decoded {
        var reader = frame.bodyReader()
        switch frame.type {
        case 0x0100, 0x0102: return Decoded(kind: .login, deviceId: deviceId)
        case 0x0506: return Decoded(kind: .heartbeat, deviceId: deviceId)
        case 0x0003, 0x0109, 0x1007, 0x8888: return Decoded(kind: .other, deviceId: deviceId)
        case 0x0002: return try heartbeat(&reader)
        case 0x0200: return report([try JT808LocationDecoder.decode(&reader, settings: settings)])
        case 0x0201:
            try reader.skip(2)  // answered serial
            return report([try JT808LocationDecoder.decode(&reader, settings: settings)])
        case 0x5501, 0x5502: return report([try JT808Location2Decoder.decode(&reader, blind: frame.type == 0x5502)])
        case 0x0210 where frame.bodyLength == 7: return report([try batteryReport(&reader)], kind: .status)
        case 0x0704, 0x0210: return report(try batch(&reader))
        case 0x0900: return report([try JT808TransparentDecoder(settings: settings).decode(&reader)])
        default:
            guard let (kind, draft) = try JT808StatusDecoders.decode(frame, &reader, settings: settings) else {
                throw DecodeError("unsupported", "JT808 message id 0x\(String(frame.type, radix: 16))")
            }
            return report([draft], kind: kind)
        }
    }

    /// The decode result of `drafts`, reported under the frame's terminal.
    private func report(_ drafts: [PositionDraft], kind: FrameKind = .position) -> Decoded {
        .reporting(drafts, kind: kind, deviceId: deviceId, protocolName: JT808Codec.descriptor.name, fallbackTimeMs: receivedAtMs)
    }

    /// 0x0002: an empty heartbeat, or one carrying battery level, RSSI and status.
    private func heartbeat(_ reader: inout ByteReader) throws(DecodeError) -> Decoded {
        guard reader.remaining >= 4 else { return Decoded(kind: .heartbeat, deviceId: deviceId) }
        var draft = PositionDraft()
        draft["batteryLevel"] = .int(try reader.u8())
        draft["rssi"] = .int(try reader.u8())
        draft["status"] = .int(try reader.u8())
        return report([draft], kind: .heartbeat)
    }

    /// 0x0210 with a 7-byte body: the battery level at a time, on the last known location.
    private func batteryReport(_ reader: inout ByteReader) throws(DecodeError) -> PositionDraft {
        var draft = PositionDraft()
        draft["batteryLevel"] = .int(try reader.u8())
        draft.timeMs = try reader.bcdDateTime(offsetMinutes: settings.offsetMinutes)
        return draft
    }

    /// 0x0704 (count, type, items of length:2 + body) and 0x0210 (items of length:1 + body).
    private func batch(_ reader: inout ByteReader) throws(DecodeError) -> [PositionDraft] {
        var archived = false
        if frame.type == 0x0704 {
            try reader.skip(2)  // count
            archived = try reader.u8() > 0
        }
        var drafts: [PositionDraft] = []
        while reader.remaining > 2 {
            let length = frame.type == 0x0210 ? Int(try reader.u8()) : Int(try reader.u16())
            var item = ByteReader(Array(try reader.read(length)))
            var draft = try JT808LocationDecoder.decode(&item, settings: settings)
            if archived { draft["archive"] = .bool(true) }
            drafts.append(draft)
        }
        return drafts
    }
}
