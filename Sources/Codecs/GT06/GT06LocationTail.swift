/// What follows the GPS/LBS/status blocks in the generic family: language, modules, odometer,
/// ACC/upload flags and the per-variant extras of 0x12 and 0x22.
enum GT06LocationTail {
    /// An orchestration in Traccar's order: each step applies to some types/variants only.
    static func decode(_ reader: inout ByteReader, into record: inout GT06Record, _ d: GT06Decoding) throws(DecodeError) {
        if [0x36, 0xA2, 0x27, 0xA4, 0x39].contains(d.type) || d.isNTLocation { try reader.skip(1) }  // language
        if d.type == 0x36 || d.type == 0x39 { try modules(&reader, into: &record) }
        if d.type == 0xA2 { try lw4g(&reader, into: &record) }
        if d.type == 0x12 { try GT06VariantTail.gpsLbs1(&reader, into: &record, d) }
        if d.type == 0x22 && d.variant == .seeworld { try GT06VariantTail.seeworld(&reader, into: &record) }
        if d.type == 0x32 && d.variant == .sl4x { record.position.altitudeM = Double(try reader.i16()) }
        if [0x22, 0x37, 0x2D, 0x31].contains(d.type) && reader.remaining >= 3 + 6 && !d.model.isNT {
            try accAndReason(&reader, into: &record, d)
        }
        if d.type == 0x37 { try module37(&reader, into: &record) }
        if d.type == 0x17 {  // RFID variant
            record["driverUniqueId"] = .string(GT06Blocks.hex(try reader.read(8)))
            try reader.skip(1)
        }
        if d.type == 0x16 && d.model.isVL && reader.gt06Payload == 9 {
            try reader.skip(1)  // language
            try driver(&reader, into: &record)
        }
        if d.isNTLocation { try ntTail(&reader, into: &record, d) }
        try trailingFlags(&reader, into: &record)
        if d.type == 0x27 || d.type == 0xA4 { record["geofence"] = .int(try reader.u8()) }
    }

    /// An 8-byte driver/RFID id, when not all zeros.
    static func driver(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let id = try reader.read(8)
        if id.contains(where: { $0 != 0 }) { record["driverUniqueId"] = .string(GT06Blocks.hex(id)) }
    }

    /// Jimi 4G TLV modules (2-byte type, 1-byte length).
    private static func modules(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        while reader.gt06Payload > 0 {
            let type = try reader.u16()
            let length = Int(try reader.u8())
            switch type {
            case 0x0018: record["battery"] = .double(Double(try reader.u16()) / 100)
            case 0x0032: record["startupStatus"] = .int(try reader.u8())
            case 0x006A: record["batteryLevel"] = .int(try reader.u8())
            default: try reader.skip(length)
            }
        }
    }

    private static func lw4g(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        record["odometer"] = .int(try reader.u32())
        record["hours"] = .int(Int64(try reader.u32()) * 1000)
        try reader.skip(8)  // terminal id
        record["input"] = .int(try reader.u16())
    }

    private static func accAndReason(_ reader: inout ByteReader, into record: inout GT06Record, _ d: GT06Decoding) throws(DecodeError) {
        record["ignition"] = .bool(try reader.u8() > 0)
        record["event"] = .int(try reader.u8())
        if try reader.u8() > 0 { record["archive"] = .bool(true) }
        guard d.variant == .sl4x else { return }
        if reader.remaining > 2 + 6 { record["odometer"] = .int(try reader.u32()) }
        record.position.altitudeM = Double(try reader.i16())
    }

    private static func module37(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let module = try reader.u16()
        let length = Int(try reader.u8())
        switch module {
        case 0x0027: record["power"] = .double(Double(try reader.u16()) / 100)
        case 0x002E: record["odometer"] = .int(try reader.u32())
        case 0x003B: record["accuracy"] = .double(Double(try reader.u16()) / 100)
        default: try reader.skip(length)
        }
    }

    private static func ntTail(_ reader: inout ByteReader, into record: inout GT06Record, _ d: GT06Decoding) throws(DecodeError) {
        record["odometer"] = .int(try reader.u24())
        record["hours"] = .int(Int64(try reader.u24()) * 60_000)
        guard d.type == 0x25 else { return }
        let length = Int(try reader.u8())
        guard length > 0 else { return }
        try reader.skip(1)  // driver identifier type
        record["driverUniqueId"] = .string(GT06Blocks.hex(try reader.read(length - 1)))
    }

    /// Exactly 3 (or 3 + 4) bytes left: ACC, upload mode, re-upload (and a mileage).
    private static func trailingFlags(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        if reader.gt06Payload == 3 || reader.gt06Payload == 7 {
            record["ignition"] = .bool(try reader.u8() > 0)
            try reader.skip(1)  // upload mode
            if try reader.u8() > 0 { record["archive"] = .bool(true) }
        }
        if reader.gt06Payload == 4 { record["odometer"] = .int(try reader.u32()) }
    }
}
