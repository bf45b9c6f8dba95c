import TrackwireProtocol

/// Compressed records (docs/protocols/galileo.md "Compressed records"; header `08`, and the
/// Iridium body with `Compressed`): the 10-byte minimal data set, a tag count, the tags, then
/// their values.
enum GalileoCompressed {
    /// One compressed record. `referenceMs` (the receive time) gives the current year, from
    /// whose start the record counts its seconds.
    static func record(_ reader: inout ByteReader, referenceMs: Int64) throws(DecodeError) -> PositionDraft {
        var d = PositionDraft()
        try minimalDataSet(&reader, referenceMs: referenceMs, into: &d)
        let tags = Array(try reader.read(Int(try reader.u8())))
        for tag in tags { try GalileoTags.read(tag, &reader, into: &d) }
        return d
    }

    /// 1 spare bit, 25 bits of seconds since 1 January (UTC), 1 bit invalid, 22 bits longitude,
    /// 21 bits latitude, 1 alarm bit.
    private static func minimalDataSet(_ reader: inout ByteReader, referenceMs: Int64, into d: inout PositionDraft) throws(DecodeError) {
        var bits = BitReader(Array(try reader.read(10)))
        bits.skip(1)
        let yearStart = UTCTime.milliseconds(year: UTCTime.components(referenceMs).year, month: 1, day: 1) ?? 0
        d.timeMs = yearStart + Int64(bits.read(25)) * 1000
        let valid = bits.read(1) == 0
        let longitude = 360 * Double(bits.read(22)) / 4_194_304 - 180
        let latitude = 180 * Double(bits.read(21)) / 2_097_152 - 90
        d.setFix(latitude: latitude, longitude: longitude, valid: valid)
        if bits.read(1) > 0 { d.addAlarm("general") }
    }
}

/// Reads bit fields, most significant bit first, from bytes that hold enough of them.
struct BitReader {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Skips `count` bits.
    mutating func skip(_ count: Int) { position += count }

    /// The next `count` bits (at most 32) as a number; bits past the end read as 0.
    mutating func read(_ count: Int) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            let byte = position / 8 < bytes.count ? bytes[position / 8] : 0
            value = value << 1 | UInt32(byte >> (7 - UInt8(position % 8)) & 1)
            position += 1
        }
        return value
    }
}
