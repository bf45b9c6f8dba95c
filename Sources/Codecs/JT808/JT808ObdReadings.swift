import TrackwireProtocol

/// 0xF3 OBD readings on non-AOVX trackers: (type:2, length:1, value), with Traccar's fixed
/// widths for the types it knows and the length for the rest.
enum JT808ObdReadings {
    /// Reads the readings of one 0xF3 extra.
    static func read(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        while v.hasMore {
            let type = try v.reader.u16()
            let length = Int(try v.reader.u8())
            if try !reading(type, length: length, &v.reader, into: &d) { try v.reader.skip(length) }
        }
    }

    private static func reading(_ type: UInt16, length: Int, _ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) -> Bool {
        switch type {
        case 0x0002: d["obdSpeed"] = .double(Double(try r.u16()) / 10)
        case 0x0003: d["rpm"] = .int(try r.u16())
        case 0x0004: d["power"] = .double(Double(try r.u16()) / 1000)
        case 0x0005: d["obdOdometer"] = .int(Int64(try r.u32()) * 100)
        case 0x0007: d["fuelConsumption"] = .double(Double(try r.u16()) / 10)
        case 0x0008: d["engineLoad"] = .double(Double(try r.u16()) / 10)
        case 0x0009: d["coolantTemp"] = .int(Int(try r.u16()) - 40)
        case 0x000B: d["intakePressure"] = .int(try r.u16())
        case 0x000C: d["intakeTemp"] = .int(Int(try r.u16()) - 40)
        case 0x000D: d["intakeFlow"] = .int(try r.u16())
        case 0x000E: d["throttle"] = .int(Int(try r.u16()) * 100 / 255)
        case 0x0050: d["vin"] = .string(try r.latin1(17))
        case 0x0051: if length > 0 { d["cvn"] = .string(try r.hex(length)) }
        case 0x0052: if length > 0 { d["calid"] = .string(try r.latin1(length)) }
        case 0x0100: d["tripOdometer"] = .double(Double(try r.u16()) / 10)
        case 0x0102: d["tripFuel"] = .double(Double(try r.u16()) / 10)
        case 0x0112: d["hardAccelerationCount"] = .int(try r.u16())
        case 0x0113: d["hardDecelerationCount"] = .int(try r.u16())
        case 0x0114: d["hardCorneringCount"] = .int(try r.u16())
        default: return false
        }
        return true
    }
}
