import TrackwireProtocol

/// 0x0900 type 0xF0 records: a time, an archive flag, the vehicle type and a subtype: OBD
/// readings (0x01), DTCs (0x02) or alarm codes (0x03), each followed by the status word and
/// coordinates; a trip summary (0x04), the VIN (0x0B) or a driving event (0x15).
struct JT808VendorRecords {
    let settings: JT808Settings

    /// Reads one record; throws `unsupported` for other subtypes.
    func decode(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        let time = try r.bcdDateTime(offsetMinutes: settings.offsetMinutes)
        if try r.u8() > 0 { d["archive"] = .bool(true) }
        try r.skip(1)  // vehicle type
        let subtype = try r.u8()
        switch subtype {
        case 0x01: try readings(&r, into: &d)
        case 0x02: try codes(&r, into: &d)
        case 0x03: try alarms(&r, into: &d)
        case 0x04: try trip(&r, into: &d)
        case 0x0B: if try r.u8() > 0 { d["vin"] = .string(try r.latin1(17)) }
        case 0x15:
            let event = try r.i32()
            if let alarm = [51: "hardAcceleration", 52: "hardBraking", 53: "hardCornering", 54: "laneChange", 56: "accident"][Int(event)] {
                d.addAlarm(alarm)
            } else {
                d["event"] = .int(event)
            }
        default:
            throw DecodeError("unsupported", "JT808 0xF0 record of subtype 0x\(String(subtype, radix: 16))")
        }
        if [0x01, 0x02, 0x03].contains(subtype) { try JT808LocationDecoder.coordinates(&r, settings: settings, into: &d) }
        d.timeMs = time
    }

    /// 0x01: (id:2, length:1, value) OBD readings; unnamed ones of 1, 2 or 4 bytes as `io<id>`.
    private func readings(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        for _ in 0..<Int(try r.u8()) {
            let id = try r.u16()
            let length = Int(try r.u8())
            switch id {
            case 0x0102, 0x0528, 0x0546: d["odometer"] = .int(Int64(try r.u32()) * 100)
            case 0x0103: d["fuel"] = .double(Double(try r.u32()) / 100)
            case 0x0111: d["fuelTemp"] = .int(Int(try r.u8()) - 40)
            case 0x012E: d["oilLevel"] = .double(Double(try r.u16()) / 10)
            case 0x052A: d["fuel"] = .double(Double(try r.u16()) / 100)
            case 0x0105, 0x052C: d["fuelUsed"] = .double(Double(try r.u32()) / 100)
            case 0x014A, 0x0537, 0x0538, 0x0539: d["fuelConsumption"] = .double(Double(try r.u16()) / 100)
            case 0x052B: d["fuel"] = .int(try r.u8())
            case 0x052D: d["coolantTemp"] = .int(Int(try r.u8()) - 40)
            case 0x052E: d["airTemp"] = .int(Int(try r.u8()) - 40)
            case 0x0530: d["power"] = .double(Double(try r.u16()) / 1000)
            case 0x0535: d["obdSpeed"] = .double(Double(try r.u16()) / 10)
            case 0x0536: d["rpm"] = .int(try r.u16())
            case 0x053D: d["intakePressure"] = .double(Double(try r.u16()) / 10)
            case 0x0544: d["liquidLevel"] = .int(try r.u8())
            case 0x0547, 0x0548: d["throttle"] = .int(try r.u8())
            case 0xFEEC: d["vin"] = .string(try r.latin1(length))
            default:
                if [1, 2, 4].contains(length) { d["io\(id)"] = .int(try r.uint(length)) } else { try r.skip(length) }
            }
        }
    }

    /// 0x02: per system its DTCs, each with its text, joined by spaces.
    private func codes(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        var codes: [String] = []
        for _ in 0..<Int(try r.u16()) {
            try r.skip(4)  // system id
            for _ in 0..<Int(try r.u16()) {
                try r.skip(8)  // code, status
                codes.append(try r.latin1(Int(try r.u16())).javaTrimmed)
            }
        }
        d["dtcs"] = .string(codes.joined(separator: " "))
    }

    private static let alarmCodes: [UInt8: String] = [
        0x01: "powerRestored", 0x02: "powerCut", 0x0E: "idle", 0x1A: "hardAcceleration", 0x1B: "hardBraking",
        0x1C: "hardCornering", 0x1D: "laneChange", 0x1E: "laneChange", 0x1F: "laneChange", 0x23: "fatigueDriving",
        0x25: "overspeed", 0x26: "accident", 0x27: "accident", 0x28: "accident", 0x31: "door", 0x32: "door",
    ]

    /// 0x03: (id, length, value) alarm codes.
    private func alarms(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        for _ in 0..<Int(try r.u8()) {
            d.addAlarm(Self.alarmCodes[try r.u8()])
            try r.skip(Int(try r.u8()))
        }
    }

    /// 0x04: trip number, and for a finished trip its idling, distance and fuel.
    private func trip(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        let property = try r.u8()
        d["tripNumber"] = .int(try r.u32())
        try r.skip(6)  // start time
        guard property == 0x02 else { return }
        try r.skip(6 + 8 + 8 + 1)  // end time, start and end locations, flags
        d["idlingCount"] = .int(try r.u16())
        d["idlingTime"] = .int(try r.u16())
        d["tripOdometer"] = .int(Int64(try r.u16()) * 100)
        d["tripFuel"] = .double(Double(try r.u16()) / 100)
    }
}
