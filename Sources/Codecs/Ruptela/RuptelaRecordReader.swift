import TrackwireProtocol

/// Records of type 1 and extended type 68 (docs/protocols/ruptela.md "Records"): time, (68: the
/// merge byte), priority, longitude and latitude in 1e-7°, altitude, course, satellites, speed,
/// HDOP, the event and four IO groups of 1-, 2-, 4- and 8-byte values (ids of 2 bytes in 68).
/// Type-68 records whose part number is above 0 continue the previous record.
struct RuptelaRecordReader {
    /// Type 68: a merge byte, 2-byte event and IO ids.
    let extended: Bool

    /// The packet's records.
    func read(_ reader: inout ByteReader) throws(DecodeError) -> [PositionDraft] {
        try reader.skip(1)  // records left
        var drafts: [PositionDraft] = []
        for _ in 0..<Int(try reader.u8()) {
            let timeMs = Int64(try reader.u32()) * 1000
            try reader.skip(1)  // timestamp extension
            var draft = PositionDraft()
            draft.timeMs = timeMs
            if extended {
                let merge = try reader.u8()
                let part = merge & 0x0F
                if part > 0 && part <= merge >> 4, let previous = drafts.popLast() { draft = previous }
            }
            try reader.skip(1)  // priority
            try fix(&reader, into: &draft)
            draft["event"] = .int(extended ? UInt64(try reader.u16()) : UInt64(try reader.u8()))
            for width in [1, 2, 4, 8] {
                for _ in 0..<Int(try reader.u8()) {
                    let id = extended ? Int(try reader.u16()) : Int(try reader.u8())
                    RuptelaParameters.apply(id, try reader.read(width), into: &draft)
                }
            }
            RuptelaParameters.combine(&draft)
            drafts.append(draft)
        }
        return drafts
    }

    /// The fix; `0x80000000` coordinates mean none (the last known location stands).
    private func fix(_ reader: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        let longitude = try reader.i32()
        let latitude = try reader.i32()
        guard longitude > Int32.min && latitude > Int32.min else {
            try reader.skip(8)
            return
        }
        d.setFix(latitude: Double(latitude) / 10_000_000, longitude: Double(longitude) / 10_000_000, valid: true)
        d.position.altitudeM = Double(try reader.u16()) / 10
        d.position.courseDeg = Double(try reader.u16()) / 100
        let satellites = try reader.u8()
        d["sat"] = .int(satellites)
        d.position.satellites = UInt32(satellites)
        d.position.speedKmh = Double(try reader.u16())
        let hdop = Double(try reader.u8()) / 10
        d["hdop"] = .double(hdop)
        d.position.hdop = hdop
    }
}
