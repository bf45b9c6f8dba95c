import TrackwireProtocol

/// The alarm list of a 0x4007 report: a count, then (flag, code, description, threshold) per
/// alarm; alarms whose flag is 0 are cleared and ignored (docs/protocols/castel.md "0x4007 alarm list").
enum CastelAlarms {
    static func read(_ r: inout ByteReader, into attributes: inout [String: AttributeValue]) throws(DecodeError) {
        var alarms: [String] = []
        for _ in 0..<Int(try r.u8()) {
            let flag = try r.u8()
            let code = try r.u8()
            try r.skip(2 + 2)  // description, threshold
            guard flag != 0 else { continue }
            switch code {
            case 0x16, 0x17: attributes["ignition"] = .bool(code == 0x16)
            default: if let alarm = alarm(code), !alarms.contains(alarm) { alarms.append(alarm) }
            }
        }
        if !alarms.isEmpty { attributes["alarm"] = .string(alarms.joined(separator: ",")) }
    }

    /// Traccar's name for an alarm code; `nil` for codes it does not name.
    static func alarm(_ code: UInt8) -> String? {
        switch code {
        case 0x01: "overspeed"
        case 0x02: "lowPower"
        case 0x03: "temperature"
        case 0x04: "hardAcceleration"
        case 0x05: "hardBraking"
        case 0x06: "idle"
        case 0x07: "tow"
        case 0x08: "highRpm"
        case 0x09: "powerOn"
        case 0x0B: "laneChange"
        case 0x0C: "hardCornering"
        case 0x0D: "fatigueDriving"
        case 0x0E: "powerOff"
        case 0x11: "accident"
        case 0x12: "tampering"
        case 0x1C: "vibration"
        default: nil
        }
    }
}
