import TrackwireProtocol

/// The OBD readings inside a 0x80 extra, which runs to the end of the location body: id (1),
/// length (1), value, with Traccar's fixed widths for the ids it knows.
enum JT808ObdExtension {
    /// Reads readings until `end`.
    static func read(_ r: inout ByteReader, until end: Int, into d: inout PositionDraft) throws(DecodeError) {
        while r.offset < end {
            let id = try r.u8()
            let length = Int(try r.u8())
            switch id {
            case 0x01: d["odometer"] = .int(Int64(try r.u32()) * 100)
            case 0x02: d["fuel"] = .double(Double(try r.u16()) / 10)
            case 0x03: d["obdSpeed"] = .double(Double(try r.u16()) / 10)
            case 0x56:
                try r.skip(1)  // power level
                d["batteryLevel"] = .int(try r.u8())
            case 0x61: d["power"] = .double(Double(try r.u16()) / 100)
            case 0x69: d["battery"] = .double(Double(try r.u16()) / 100)
            case 0x80: d["obdSpeed"] = .int(try r.u8())
            case 0x81: d["rpm"] = .int(try r.u16())
            case 0x82: d["power"] = .double(Double(try r.u16()) / 10)
            case 0x83: d["engineLoad"] = .int(try r.u8())
            case 0x84: d["coolantTemp"] = .int(Int(try r.u8()) - 40)
            case 0x85: d["fuelConsumption"] = .int(try r.u16())
            case 0x86: d["intakeTemp"] = .int(Int(try r.u8()) - 40)
            case 0x87: d["intakeFlow"] = .int(try r.u16())
            case 0x88: d["intakePressure"] = .int(try r.u8())
            case 0x89: d["throttle"] = .int(try r.u8())
            case 0x8B: d["vin"] = .string(try r.latin1(17))
            case 0x8C: d["obdOdometer"] = .int(Int64(try r.u32()) * 100)
            case 0x8D: d["tripOdometer"] = .int(Int64(try r.u16()) * 1000)
            case 0x8E: d["fuel"] = .int(try r.u8())
            case 0xA0: d["dtcs"] = .string(String(try r.latin1(length).map { $0 == "," ? " " : $0 }))
            case 0xCC: d["iccid"] = .string(try r.latin1(20))
            default: try r.skip(length)
            }
        }
    }
}
