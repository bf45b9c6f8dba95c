/// Protocol Pro frames (`2B 00 <length>`): a header naming the device, then records of
/// `<length, generated time, count, record id, event code, data items>`, where each data item is
/// `<id, length, content>` and id 0x52 is the full location. Lengths and ids are 1 byte, or 2 when
/// the high bit is set. Frames end with a count number, a CRC-8 and `$`.
enum GL200ProDecoder {
    static let fullLocation = 0x52

    static func records(_ frame: [UInt8]) throws(DecodeError) -> [GL200Record] {
        var r = ByteReader(frame, offset: 2)
        let length = Int(try r.u16())
        let flags = try r.u8()
        if flags & 0x80 != 0 { try r.skip(2) } // frame count and number of a multi-packet report
        try r.skip(8 + 2 + 2 + 1) // IMEI, device type, protocol version, custom version
        try r.skip(Int(try r.u8())) // reserved field
        let recordsEnd = min(frame.count, length) - 4
        var records: [GL200Record] = []
        while r.offset < recordsEnd {
            records.append(try record(&r, end: recordsEnd))
        }
        return records
    }

    private static func record(_ r: inout ByteReader, end: Int) throws(DecodeError) -> GL200Record {
        let start = r.offset
        let recordEnd = start + (try varint(&r))
        guard recordEnd > r.offset, recordEnd <= end else { throw DecodeError("bad_length", "Protocol Pro record overruns the frame") }
        var record = GL200Record()
        record.deviceTimeMs = Int64(try r.u32()) * 1000
        try r.skip(2 + 1 + 1) // record count number, record id, event code
        while r.offset < recordEnd {
            let id = try varint(&r)
            let data = try r.read(varint(&r))
            if id == fullLocation { try readLocation(data, into: &record) }
        }
        return record
    }

    /// Data 0x52: fix state, longitude, latitude, UTC time, speed, HDOP, azimuth, altitude, satellites.
    private static func readLocation(_ data: ArraySlice<UInt8>, into record: inout GL200Record) throws(DecodeError) {
        var r = ByteReader(Array(data))
        let fixState = (try r.u8() >> 2) & 0b11
        let longitude = Double(try r.i32()) / 1_000_000
        let latitude = Double(try r.i32()) / 1_000_000
        let time = Int64(try r.u32()) * 1000
        record.speedKmh = Double(try r.u16()) / 10
        record.hdop = Double(try r.u8()) / 10
        record.courseDeg = Double(try r.u16())
        let altitude = Int32(bitPattern: UInt32(try r.u24()) << 8) >> 8
        record.altitudeM = Double(altitude) / 10
        record.satellites = Int(try r.u8())
        record.fix = .init(latitude: latitude, longitude: longitude, timeMs: time, valid: fixState & 0b10 != 0)
    }

    /// One byte, or two when the high bit is set (`(b0 & 0x7F) << 8 | b1`).
    private static func varint(_ r: inout ByteReader) throws(DecodeError) -> Int {
        let first = Int(try r.u8())
        guard first & 0x80 != 0 else { return first }
        return (first & 0x7F) << 8 | Int(try r.u8())
    }
}
