/// Readers for the blocks many GT06 messages share: date, GPS, LBS and the terminal status byte
/// (docs/protocols/gt06.md "GPS block", "LBS block", "Status block").
enum GT06Blocks {
    /// `YY MM DD hh mm ss` in binary, UTC; `nil` when a field is out of range.
    static func date(_ reader: inout ByteReader) throws(DecodeError) -> Int64? {
        let f = try reader.read(6).map(Int.init)
        let at = f.startIndex
        return UTCTime.milliseconds(year: f[at], month: f[at + 1], day: f[at + 2],
                                    hour: f[at + 3], minute: f[at + 4], second: f[at + 5])
    }

    /// How a message lays out its GPS block. The default is the common 18-byte block.
    struct GpsShape {
        var hasLength = false
        var hasSatellites = true
        var hasSpeed = true
        var longSpeed = false
        var flagsBeforeSpeed = false
    }

    /// Reads a GPS block into `record`. Returns `false` when its length byte says "no fix" (the
    /// record then only has the date).
    @discardableResult
    static func gps(_ reader: inout ByteReader, into record: inout GT06Record, shape: GpsShape = GpsShape()) throws(DecodeError) -> Bool {
        record.timeMs = try date(&reader)
        if shape.hasLength, try reader.u8() == 0 { return false }
        if shape.hasSatellites { record.position.satellites = UInt32(try reader.u8() & 0x0F) }
        let latitude = Double(try reader.u32()) / 1_800_000
        let longitude = Double(try reader.u32()) / 1_800_000
        var flags: UInt16 = shape.flagsBeforeSpeed ? try reader.u16() : 0
        if shape.hasSpeed { record.position.speedKmh = Double(shape.longSpeed ? try reader.u16() : UInt16(try reader.u8())) }
        if !shape.flagsBeforeSpeed { flags = try reader.u16() }
        applyCourseStatus(flags, latitude: latitude, longitude: longitude, to: &record)
        return true
    }

    /// Applies the course/status word: course, validity, hemispheres and (when flagged) ACC.
    static func applyCourseStatus(_ flags: UInt16, latitude: Double, longitude: Double, to record: inout GT06Record) {
        record.position.courseDeg = Double(flags & 0x03FF)
        let north = flags & 0x0400 != 0
        let west = flags & 0x0800 != 0
        record.setFix(latitude: north ? latitude : -latitude, longitude: west ? -longitude : longitude,
                      valid: flags & 0x1000 != 0)
        if flags & 0x4000 != 0 { record["ignition"] = .bool(flags & 0x8000 != 0) }
    }

    /// Skips an LBS (cell) block; Trackwire positions carry no cell data. Returns `false` when the
    /// block's length byte is 0 ("no LBS").
    @discardableResult
    static func lbs(_ reader: inout ByteReader, type: UInt8, variant: GT06Variant, hasLength: Bool) throws(DecodeError) -> Bool {
        var length = 0
        if hasLength {
            length = Int(try reader.u8())
            if length == 0 {
                try skipZeroedCells(&reader)
                return false
            }
        }
        let cellType = type == 0x38 || type == 0x39 ? try reader.u8() : 0
        let mcc = try reader.u16()
        try reader.skip(mcc & 0x8000 != 0 || type == 0x11 || variant == .sl4x ? 2 : 1)
        let wide = cellType >= 3 || type == 0xA5 || type == 0xA0 || type == 0xA2
        try reader.skip(wide ? 4 : 2)
        try reader.skip(cellIdWidth(type: type, variant: variant, wide: wide))
        if cellType >= 3 { try reader.skip(2) } else if type == 0x38 || type == 0x39 { try reader.skip(1) }
        if length > 9 { try reader.skip(length - 9) }
        return true
    }

    private static func cellIdWidth(type: UInt8, variant: GT06Variant, wide: Bool) -> Int {
        if wide || variant == .sl4x { return 8 }
        if [0x11, 0x61, 0x25, 0x36].contains(type) || variant == .seeworld { return 4 }
        return 3
    }

    /// A zero LBS length followed by zeros means a zero-filled 45-byte cell area follows.
    private static func skipZeroedCells(_ reader: inout ByteReader) throws(DecodeError) {
        let start = reader.offset + 9
        let end = min(reader.offset + 45, reader.end)
        if start >= end || reader.bytes[start..<end].allSatisfy({ $0 == 0 }) {
            try reader.skip(min(reader.remaining, 45))
        }
    }

    /// The terminal information byte: status, ACC, charging, oil/electric cut and its alarm bits.
    static func status(_ reader: inout ByteReader, into record: inout GT06Record, variant: GT06Variant) throws(DecodeError) {
        let status = try reader.u8()
        record["status"] = .int(status)
        record["ignition"] = .bool(status & 0x02 != 0)
        record["charge"] = .bool(status & 0x04 != 0)
        record["blocked"] = .bool(status & 0x80 != 0)
        record.addAlarm(GT06Alarms.statusAlarm(status, variant: variant))
    }

    /// Lowercase hex digits of `bytes`.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
