import TrackwireProtocol

/// Reads codec 7 (GH3000) records: a 30-bit time in seconds since 2007-01-01, a global mask that
/// selects the GPS element and the 1-, 2- and 4-byte IO groups, and a location mask inside the GPS
/// element that selects each of its fields.
struct TeltonikaGH3000RecordReader: TeltonikaRecordReading {
    /// 2007-01-01T00:00:00Z in unix seconds.
    static let epoch: Int64 = 1_167_609_600

    /// Traccar's `teltonika.extended`: records carry a 16-byte IO group too.
    let extended: Bool

    /// Reads one record.
    func read(_ reader: inout ByteReader) throws(DecodeError) -> TeltonikaRecord? {
        var record = TeltonikaRecord()
        let timeMs = (Int64(try reader.u32() & 0x3FFF_FFFF) + Self.epoch) * 1000
        let globalMask = try reader.u8()
        record.position.fixTimeMs = timeMs
        if globalMask & 0x01 != 0 {
            record.position.valid = true
            try readGPSElement(&reader, into: &record)
        } else {
            record.outdated = true
        }
        for (bit, width) in [(UInt8(0x02), 1), (0x04, 2), (0x08, 4)] where globalMask & bit != 0 {
            try readGroup(&reader, width: width, into: &record)
        }
        if extended { try readExtendedGroup(&reader, into: &record) }
        return record
    }

    private func readGPSElement(_ reader: inout ByteReader, into record: inout TeltonikaRecord) throws(DecodeError) {
        let mask = try reader.u8()
        if mask & 0x01 != 0 {
            record.position.latitude = Double(Float(bitPattern: try reader.u32()))
            record.position.longitude = Double(Float(bitPattern: try reader.u32()))
        }
        if mask & 0x02 != 0 { record.position.altitudeM = Double(try reader.u16()) }
        if mask & 0x04 != 0 { record.position.courseDeg = Double(try reader.u8()) * 360 / 256 }
        if mask & 0x08 != 0 { record.position.speedKmh = Double(try reader.u8()) }
        if mask & 0x10 != 0 {
            let satellites = try reader.u8()
            record.position.satellites = UInt32(satellites)
            record.set("sat", .int(satellites))
        }
        if mask & 0x20 != 0 {
            record.set("lac", .int(try reader.u16()))
            record.set("cid", .int(try reader.u16()))
        }
        if mask & 0x40 != 0 { record.set("rssi", .int(try reader.u8())) }
        if mask & 0x80 != 0 { record.set("operator", .int(try reader.u32())) }
    }

    private func readGroup(_ reader: inout ByteReader, width: Int, into record: inout TeltonikaRecord) throws(DecodeError) {
        for _ in 0..<(try reader.u8()) {
            let id = try reader.u8()
            apply(id: id, value: TeltonikaIOElements.unsigned(try reader.read(width)), to: &record)
        }
    }

    private func readExtendedGroup(_ reader: inout ByteReader, into record: inout TeltonikaRecord) throws(DecodeError) {
        for _ in 0..<(try reader.u8()) {
            let id = try reader.u8()
            record.set(TeltonikaRecord.ioKey(Int(id)), .string(TeltonikaText.hex(try reader.read(16))))
        }
    }

    /// GH3000's own IO meanings.
    private func apply(id: UInt8, value: UInt64, to record: inout TeltonikaRecord) {
        let int = AttributeValue.int(Int64(bitPattern: value))
        switch id {
        case 1: record.set("batteryLevel", int)
        case 2: record.set("usbConnected", .bool(value == 1))
        case 5: record.set("uptime", int)
        case 20: record.set("hdop", .double(Double(value) / 10))
        case 21: record.set("vdop", .double(Double(value) / 10))
        case 22: record.set("pdop", .double(Double(value) / 10))
        case 67: record.set("battery", .double(Double(value) / 1000))
        case 221: record.set("button", int)
        case 222: if value == 1 { record.addAlarm("sos") }
        case 240: record.set("motion", .bool(value == 1))
        case 244: record.set("roaming", .bool(value == 1))
        default: record.set(TeltonikaRecord.ioKey(Int(id)), int)
        }
    }
}
