import TrackwireProtocol

/// The JT808 messages that carry no location of their own (docs/protocols/jt808.md): text
/// answers, terminal attributes, driver identity, parameter answers and acceleration samples.
/// Their positions reuse the last known location, as Traccar's do.
enum JT808StatusDecoders {
    /// The kind and the record of `frame`, or `nil` when its message id is none of these.
    static func decode(_ frame: JT808Frame, _ r: inout ByteReader, settings: JT808Settings) throws(DecodeError) -> (FrameKind, PositionDraft)? {
        var d = PositionDraft()
        switch frame.type {
        case 0x6006:
            try r.skip(1)  // encoding
            d["result"] = .string(LenientUTF8.string(try r.read(r.remaining - 2)))
        case 0x1300:
            try r.skip(2)  // answered serial
            d["result"] = .string(utf16BigEndian(try r.read(max(0, frame.bodyLength - 2))).javaTrimmed)
        case 0x0701:
            d["result"] = .string(try r.latin1(Int(try r.u32())))
        case 0x0107:
            try r.skip(2 + 5 + 20 + 7)  // terminal type, manufacturer, model, terminal id
            d["iccid"] = .string(try r.hex(10))
            return (.status, d)
        case 0x0702:
            try driverIdentity(&r, settings: settings, into: &d)
            return (.status, d)
        case 0x0104:
            try JT808Parameters.read(&r, into: &d)
            return (.status, d)
        case 0x2070:
            d["gSensor"] = .string(try accelerations(&r))
            return (.status, d)
        default:
            return nil
        }
        return (.commandReply, d)
    }

    /// 0x0702: card status, time, result, driver name, card code, agency and validity.
    private static func driverIdentity(_ r: inout ByteReader, settings: JT808Settings, into d: inout PositionDraft) throws(DecodeError) {
        d["cardStatus"] = .int(try r.u8())
        d.deviceTimeMs = try r.bcdDateTime(offsetMinutes: settings.offsetMinutes)
        d["cardResult"] = .int(try r.u8())
        d["driver"] = .string(try r.latin1(Int(try r.u8())))
        d["cardCode"] = .string(try r.latin1(20).javaTrimmed)
        d["cardAgency"] = .string(try r.latin1(Int(try r.u8())))
        d["cardValidity"] = .string(try r.hex(4))
    }

    /// 0x2070: samples of a 6-byte time and three sign-and-magnitude axes, as `[[x,y,z],...]`.
    private static func accelerations(_ r: inout ByteReader) throws(DecodeError) -> String {
        var samples: [String] = []
        while r.remaining > 2 {
            try r.skip(6)
            var axes: [Int] = []
            for _ in 0..<3 {
                let word = try r.u16()
                axes.append(word & 0x8000 != 0 ? -Int(word & 0x7FFF) : Int(word & 0x7FFF))
            }
            samples.append("[" + axes.map(String.init).joined(separator: ",") + "]")
        }
        return "[" + samples.joined(separator: ",") + "]"
    }

    /// UTF-16 big-endian text (an odd last byte is dropped).
    static func utf16BigEndian(_ bytes: ArraySlice<UInt8>) -> String {
        let units = stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
        return String(decoding: units, as: UTF16.self)
    }
}
