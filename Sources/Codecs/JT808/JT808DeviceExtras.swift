import TrackwireProtocol

/// Vendor extras 0x82–0xE7: supply voltages, OBD summaries, driver ids, padlock records and
/// battery states.
enum JT808DeviceExtras {
    /// Applies extra `id`; `false` when it is not one of these.
    static func apply(_ id: UInt8, _ v: inout JT808Extras.Value, settings: JT808Settings, into d: inout PositionDraft) throws(DecodeError) -> Bool {
        switch id {
        case 0x82, 0xD3: d["power"] = .double(Double(try v.reader.u16()) / 10)
        case 0x91: try obdSummary(&v, into: &d)
        case 0x94: if v.length > 0 { d["vin"] = .string(try v.reader.latin1(v.length)) }
        case 0xAC: d["odometer"] = .int(try v.reader.u32())
        case 0xBC: d["driver"] = .string(try v.reader.latin1(v.length).javaTrimmed)
        case 0xBD: d["driverUniqueId"] = .string(try v.reader.latin1(v.length))
        case 0xD0: if try v.reader.u32() & 0x08 != 0 { d.addAlarm("vibration") }
        case 0xD4, 0xE1, 0xE9: try batteryOrDriver(id, &v, into: &d)
        case 0xD5: try padlocks(&v, into: &d)
        case 0xDA:
            try v.reader.skip(2)  // string cut count
            let status = try v.reader.u8()
            d["string"] = .bool(status & 0x01 != 0)
            d["motion"] = .bool(status & 0x04 != 0)
            d["cover"] = .bool(status & 0x08 != 0)
        case 0xE2: if settings.model != "DT800" { d["fuel"] = .double(Double(try v.reader.u32()) / 10) }
        case 0xE3:
            try v.reader.skip(1)
            d["batteryLevel"] = .int(try v.reader.u8())
            d["battery"] = .double(Double(try v.reader.u16()) / 100)
        case 0xE4:
            if try v.reader.u8() == 0 { d["charge"] = .bool(true) }
            d["batteryLevel"] = .int(try v.reader.u8())
        case 0xE5: if v.length == 1 { d["motion"] = .bool(try v.reader.u8() == 1) }
        case 0xE7:
            guard v.length == 8 else { break }
            let alarm = try v.reader.u16()
            if alarm & 0x01 != 0 { d.addAlarm("vibration") }
            if alarm & 0x0E != 0 { d.addAlarm("sos") }
        default: return false
        }
        return true
    }

    /// 0x91: battery, RPM, speed, throttle and load (of 255), coolant, consumption, fuel used.
    private static func obdSummary(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        d["battery"] = .double(Double(try v.reader.u16()) / 10)
        d["rpm"] = .int(try v.reader.u16())
        d["obdSpeed"] = .int(try v.reader.u8())
        d["throttle"] = .int(Int(try v.reader.u8()) * 100 / 255)
        d["engineLoad"] = .int(Int(try v.reader.u8()) * 100 / 255)
        d["coolantTemp"] = .int(Int(try v.reader.u8()) - 40)
        try v.reader.skip(2)
        d["fuelConsumption"] = .double(Double(try v.reader.u16()) / 100)
        try v.reader.skip(8)
        d["fuelUsed"] = .double(Double(try v.reader.u16()) / 100)
    }

    /// 0xD4 / 0xE1 / 0xE9: a battery level (`FF`: charging); 0xE1 may instead be a cell list
    /// (skipped) or the supply voltage; anything else is a numeric driver id.
    private static func batteryOrDriver(_ id: UInt8, _ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        if v.length == 1 {
            let level = try v.reader.u8()
            d[level == 0xFF ? "charge" : "batteryLevel"] = level == 0xFF ? .bool(true) : .int(level)
        } else if id == 0xE1 && v.length >= 12 && (v.length - 4) % 8 == 0 {
            return  // cell towers
        } else if id == 0xE1 && v.length == 2 {
            d["power"] = .double(Double(try v.reader.u16()) / 10)
        } else {
            d["driverUniqueId"] = .string(String(try v.reader.u32()))
        }
    }

    /// 0xD5: a battery voltage (2 bytes), or padlock records: id, card, battery, status (bit 5 open).
    private static func padlocks(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        guard v.length != 2 else {
            d["battery"] = .double(Double(try v.reader.u16()) / 100)
            return
        }
        let count = Int(try v.reader.u8())
        guard count > 0 else { return }
        for index in 1...count {
            d["lock\(index)Id"] = .string(try v.reader.hex(5))
            d["lock\(index)Card"] = .string(try v.reader.hex(5))
            d["lock\(index)Battery"] = .int(try v.reader.u8())
            d["lock\(index)Locked"] = .bool(try v.reader.u16() & 0x20 == 0)
        }
    }
}
