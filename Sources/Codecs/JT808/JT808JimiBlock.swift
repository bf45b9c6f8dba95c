import TrackwireProtocol

/// The 0xE8 extra of Jimi trackers (JC371, JC181, ...): a 2-byte type, then a status block
/// (upload mode, battery and supply, a list of statuses) or nothing more for an alarm code.
enum JT808JimiBlock {
    /// Reads one 0xE8 extra.
    static func read(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        let type = try v.reader.u16()
        switch type {
        case 0x2002:
            try v.reader.skip(1)  // packet length
            d["uploadMode"] = .int(try v.reader.u8())
            d["buffered"] = .bool(try v.reader.u8() == 1)
        case 0x2003:
            try v.reader.skip(1)
            d["charge"] = .bool(try v.reader.u8() == 1)
            let level = Int(try v.reader.u8())
            if (1...6).contains(level) { d["batteryLevel"] = .int(level * 100 / 6) }
            d["battery"] = .double(Double(try v.reader.u16()) / 100)
            d["rssi"] = .int(try v.reader.u8())
            d["power"] = .double(Double(try v.reader.u16()) / 100)
        case 0x2005:
            try v.reader.skip(1)
            try statuses(&v, into: &d)
        case 0x0C03: d["ignition"] = .bool(true)
        case 0x0C04: d["ignition"] = .bool(false)
        default: d.addAlarm(alarms[type])
        }
    }

    /// (id:2, length:1, value) statuses until the end of the extra.
    private static func statuses(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        while v.hasMore {
            let id = try v.reader.u16()
            let length = Int(try v.reader.u8())
            let next = v.reader.offset + length
            switch id {
            case 0x0001: d["battery"] = .double(Double(try v.reader.u16()) / 100)
            case 0x0002: d["dataUsage"] = .int(try v.reader.u32())
            case 0x0003: d["batteryLevel"] = .int(try v.reader.u8())
            case 0x0004: d["charge"] = .bool(try v.reader.u8() == 0)
            case 0x0005: d["iccid"] = .string(String(try v.reader.hex(10).prefix(19)))
            case 0x0007: d["hdop"] = .double(Double(try v.reader.u16()) / 10)
            case 0x2001: d["power"] = .double(Double(try v.reader.u16()) / 10)
            default: break
            }
            v.reader = v.reader.moved(to: next)
        }
    }

    private static let alarms: [UInt16: String] = [
        0x0001: "fault", 0x0400: "hardAcceleration", 0x0412: "hardAcceleration", 0x0401: "hardBraking", 0x0413: "hardBraking",
        0x0402: "hardCornering", 0x0414: "hardCornering", 0x0403: "overspeed", 0x0405: "accident", 0x0416: "accident",
        0x0417: "accident", 0x0406: "vibration", 0x0407: "tow", 0x0408: "geofenceEnter", 0x0409: "geofenceExit",
        0x040C: "door", 0x0415: "laneChange", 0x0C01: "sos", 0x0C02: "lowPower", 0x0C05: "general", 0x0C0E: "powerCut",
        0x0C0F: "lowBattery", 0x0C10: "powerOff", 0x0C12: "tampering",
    ]
}
