import TrackwireProtocol

/// Extras that carry sensor lists: 0xE6 (`$OBD-RT` or BLE temperature/humidity tags), 0xEA
/// (external sensors), 0xF3 (AOVX BLE tags, or OBD readings) and 0xF6 (light, climate, motion).
enum JT808SensorExtras {
    /// Applies extra `id`; `false` when it is not one of these.
    static func apply(_ id: UInt8, _ v: inout JT808Extras.Value, settings: JT808Settings, into d: inout PositionDraft) throws(DecodeError) -> Bool {
        switch id {
        case 0xE6: try bleClimate(&v, into: &d)
        case 0xEA: try externalSensors(&v, into: &d)
        case 0xF3 where settings.isAovx: try bleTags(&v, into: &d)
        case 0xF3: try JT808ObdReadings.read(&v, into: &d)
        case 0xF6: try environment(&v, settings: settings, into: &d)
        default: return false
        }
        return true
    }

    /// 0xE6: a `$OBD-RT` sentence, or 11-byte tags: index, MAC, temperature, humidity.
    private static func bleClimate(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        if v.length >= 7, v.reader.bytes[v.reader.offset..<v.reader.offset + 7].elementsEqual("$OBD-RT".utf8) {
            JT808ObdSentence.apply(try v.reader.latin1(v.length), into: &d)
        } else if v.length >= 11 && v.length % 11 == 0 {
            while v.hasMore {
                let index = try v.reader.u8()
                try v.reader.skip(6)  // MAC
                d["temp\(index)"] = .double(try customDouble(&v.reader))
                d["humidity\(index)"] = .double(try customDouble(&v.reader))
            }
        }
    }

    /// A signed whole part and a fraction in 1/255.
    private static func customDouble(_ r: inout ByteReader) throws(DecodeError) -> Double {
        let whole = Int(try r.i8())
        let fraction = Double(try r.u8()) / 255
        return (whole < 0 ? -1 : 1) * (Double(abs(whole)) + fraction)
    }

    /// 0xEA: a type byte, then (type, length, value) external sensor readings.
    private static func externalSensors(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        guard v.length > 2 else { return }
        try v.reader.skip(1)
        while v.reader.offset + 2 <= v.end {
            let type = try v.reader.u8()
            let length = Int(try v.reader.u8())
            let next = v.reader.offset + length
            guard next <= v.end else { break }
            switch type {
            case 0x11:
                d["externalAlarms"] = .int(try v.reader.u16())
                d["alarmThresholdType"] = .int(try v.reader.u8())
            case 0x13: d["externalIlluminance"] = .int(try v.reader.u16())
            case 0x14: d["externalAirPressure"] = .int(try v.reader.u16())
            case 0x15: d["externalHumidity"] = .double(Double(try v.reader.u16()) / 10)
            case 0x16: d["externalTemp"] = .double(Double(try v.reader.u16()) / 10 - 50)
            default: break
            }
            v.reader = v.reader.moved(to: next)
        }
    }

    /// 0xF3 on AOVX trackers: a field mask, then per tag its MAC, RSSI and the masked fields.
    private static func bleTags(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        let mask = try v.reader.u8()
        let has = { (bit: UInt8) in mask & (1 << bit) != 0 }
        var index = 0
        while v.hasMore {
            index += 1
            let tag = "tag\(index)"
            d[tag + "Mac"] = .string(try v.reader.hex(6))
            d[tag + "Rssi"] = .int(try v.reader.i8())
            if has(0) { d[tag + "Name"] = .string(try v.reader.latin1(10).javaTrimmed) }
            if has(1) { try v.reader.skip(2) }  // firmware version
            if has(2) { d[tag + "Battery"] = .double(Double(try v.reader.u16()) / 1000) }
            if has(3) { d[tag + "Temp"] = .double(Double(try v.reader.i16()) / 10) }
            if has(4) { d[tag + "Humidity"] = .double(Double(try v.reader.i16()) / 10) }
            if has(5) { try v.reader.skip(6) }  // accelerometer
            if has(6) { try v.reader.skip(2) }
            if has(7) { try v.reader.skip(2) }
        }
    }

    /// 0xF6: air pressure (2 bytes), an IMEI (8), or an event with masked climate readings.
    private static func environment(_ v: inout JT808Extras.Value, settings: JT808Settings, into d: inout PositionDraft) throws(DecodeError) {
        if !settings.isAovx && v.length == 2 {
            d["airPressure"] = .int(try v.reader.u16())
            return
        }
        if !settings.isAovx && v.length == 8 {
            d["imei"] = .string(String(try v.reader.hex(8).dropFirst()))
            return
        }
        let event = try v.reader.u8()
        d["event"] = .int(event)
        if event == 2 { d["motion"] = .bool(true) }
        let mask = try v.reader.u8()
        let has = { (bit: UInt8) in mask & (1 << bit) != 0 }
        if has(0) { d["lightSensor"] = .int(try v.reader.u16()) }
        if has(1) { d["temp1"] = .double(Double(try v.reader.i16()) / 10) }
        if has(2) { d["humidity"] = .double(Double(try v.reader.i16()) / 10) }
        if has(3) {
            let (x, y, z) = (try v.reader.i16(), try v.reader.i16(), try v.reader.i16())
            d["gSensor"] = .string("[\(x),\(y),\(z)]")
        }
        if has(4) { try v.reader.skip(10) }  // thresholds
        if has(5) { d["airPressure"] = .int(try v.reader.u16()) }
    }
}
