import TrackwireProtocol

/// Vendor extras 0xED–0xFE: cards, signal and voltages, firmware, environment sensors, GNSS
/// details, containers, geofences and the 0xFE battery/alarm record.
enum JT808StatusExtras {
    /// Applies extra `id`; `false` when it is not one of these.
    static func apply(_ id: UInt8, _ v: inout JT808Extras.Value, settings: JT808Settings, into d: inout PositionDraft) throws(DecodeError) -> Bool {
        switch id {
        case 0xED: d["card"] = .string(try v.reader.latin1(v.length).javaTrimmed)
        case 0xEE:
            guard v.length == 6 else { break }
            d["rssi"] = .int(try v.reader.u8())
            d["power"] = .double(Double(try v.reader.u16()) / 1000)
            d["battery"] = .double(Double(try v.reader.u16()) / 1000)
            d["sat"] = .int(try v.reader.u8())
        case 0xF1: d["power"] = .double(Double(try v.reader.u32()) / 1000)
        case 0xF2: d["versionFw"] = .string(try v.reader.latin1(v.length))
        case 0xF5: if v.length == 2 { d["illuminance"] = .int(try v.reader.u16()) }
        case 0xF7: try batteryState(&v, into: &d)
        case 0xF8: try aovxOrTemperature(&v, settings: settings, into: &d)
        case 0xF9: try gnssDetails(&v, into: &d)
        case 0xFB: d["container"] = .string(try v.reader.latin1(v.length))
        case 0xFC: d["geofence"] = .int(try v.reader.u8())
        case 0xFE: try batteryOrAlarms(&v, into: &d)
        default: return false
        }
        return true
    }

    /// 0xF7: humidity (2 bytes), or battery voltage (mV), charge state and level.
    private static func batteryState(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        guard v.length != 2 else {
            d["humidity"] = .double(Double(try v.reader.u16()) / 10)
            return
        }
        d["battery"] = .double(Double(try v.reader.u32()) / 1000)
        if v.length >= 5, [2, 3].contains(try v.reader.u8()) { d["charge"] = .bool(true) }
        if v.length >= 6 { d["batteryLevel"] = .int(try v.reader.u8()) }
    }

    /// 0xF8: AOVX working mode, IMEI and ICCID; C5 step count; otherwise temperature 2 (+50 °C).
    private static func aovxOrTemperature(_ v: inout JT808Extras.Value, settings: JT808Settings, into d: inout PositionDraft) throws(DecodeError) {
        if settings.isAovx {
            try v.reader.skip(9)  // working mode, IMEI
            d["iccid"] = .string(try v.reader.hex(10))
        } else if settings.model == "C5" || settings.model == "C5L" {
            d["steps"] = .int(try v.reader.u16())
        } else {
            d["temp2"] = .double(Double(try v.reader.u16()) / 10 - 50)
        }
    }

    /// 0xF9: a mask of GNSS details; HDOP (bit 2) and temperature 3 (bit 6) are kept.
    private static func gnssDetails(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        let mask = try v.reader.u16()
        let has = { (bit: UInt16) in mask & (1 << bit) != 0 }
        if has(0) { try v.reader.skip(4) }  // GNSS age
        if has(1) { try v.reader.skip(4) }  // ACC-on time
        if has(2) {
            let hdop = Double(try v.reader.u16()) / 10
            d["hdop"] = .double(hdop)
            d.position.hdop = hdop
        }
        if has(3) { try v.reader.skip(6) }  // GNSS time
        if has(5) { try v.reader.skip(8) }  // sampling and report intervals
        if has(6) {
            d["temp3"] = .double(Double(try v.reader.i16()) / 10)
            try v.reader.skip(4)  // thresholds
        }
    }

    /// 0xFE: battery level (1 byte), supply voltage (2), odometer (4), or a `7C`-marked list of
    /// alarm records followed by the battery level.
    private static func batteryOrAlarms(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        switch v.length {
        case 1: d["batteryLevel"] = .int(try v.reader.u8())
        case 2: d["power"] = .double(Double(try v.reader.u16()) / 10)
        case 4: d["odometer"] = .int(try v.reader.u32())
        default:
            if try v.reader.u8() == 0x7C {
                while v.hasMore {
                    let type = try v.reader.u8()
                    let length = Int(try v.reader.u8())
                    guard type == 0x01 else {
                        try v.reader.skip(length)
                        continue
                    }
                    let alarms = try v.reader.u32()
                    for (bit, alarm) in ["hardAcceleration", "hardBraking", "hardCornering", "accident", "tampering"].enumerated()
                    where alarms & (1 << bit) != 0 { d.addAlarm(alarm) }
                }
            }
            d["batteryLevel"] = .int(try v.reader.u8())
        }
    }
}
