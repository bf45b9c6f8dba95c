import TrackwireProtocol

/// The location body of 0x0200 reports, 0x0201 answers and the items of 0x0704/0x0210 batches
/// (docs/protocols/jt808.md "Location body"): alarm and status words, the fix, then either a
/// 20-byte fixed tail or the TLV extras.
enum JT808LocationDecoder {
    /// Reads one location body from `reader`, which runs to the end of the frame or batch item.
    static func decode(_ reader: inout ByteReader, settings: JT808Settings) throws(DecodeError) -> PositionDraft {
        var draft = PositionDraft()
        JT808Alarms.decode(try reader.u32(), settings: settings, into: &draft)
        try coordinates(&reader, settings: settings, into: &draft)
        draft.position.altitudeM = Double(try reader.i16())
        draft.position.speedKmh = Double(try reader.u16()) / 10
        draft.position.courseDeg = Double(try reader.u16())
        draft.timeMs = try reader.bcdDateTime(offsetMinutes: settings.offsetMinutes)
        if reader.remaining == 20 {
            try fixedTail(&reader, into: &draft)
        } else {
            try JT808Extras.read(&reader, settings: settings, into: &draft)
        }
        return draft
    }

    /// The status word and the coordinates: ignition, validity, hemispheres and the model flags.
    static func coordinates(_ reader: inout ByteReader, settings: JT808Settings, into draft: inout PositionDraft) throws(DecodeError) {
        let status = try reader.u32()
        let bit = { (n: UInt32) in status & (1 << n) != 0 }
        draft["ignition"] = .bool(bit(0))
        if settings.model == "G1C Pro" { draft["motion"] = .bool(bit(4)) }
        draft["blocked"] = .bool(bit(10))
        if settings.reportsDoor { draft["door"] = .bool(bit(16)) }
        draft["charge"] = .bool(bit(26))
        let latitude = Double(try reader.u32()) / 1_000_000
        let longitude = Double(try reader.u32()) / 1_000_000
        draft.setFix(latitude: bit(2) ? -latitude : latitude, longitude: bit(3) ? -longitude : longitude, valid: bit(1))
    }

    /// Reports whose extras are exactly 20 bytes: battery and mileage, odometer, battery voltage,
    /// area id, RSSI, reserved.
    private static func fixedTail(_ reader: inout ByteReader, into draft: inout PositionDraft) throws(DecodeError) {
        try reader.skip(4)
        draft["odometer"] = .int(Int64(try reader.u32()) * 1000)
        draft["battery"] = .double(Double(try reader.u16()) / 10)
        try reader.skip(4)
        draft["rssi"] = .int(try reader.u8())
        try reader.skip(3)
    }
}
