import TrackwireProtocol

/// 0x5501 (live) and 0x5502 (blind-area) reports of JT701-style locks: the JT600 binary fix
/// (`DDMMYY hhmmss` BCD UTC, BCD `DDMM.mmmm` coordinates, flags, knots, course / 2), signal,
/// odometer, battery, cell, product, status and alarm words, then (id, length, value) extras.
enum JT808Location2Decoder {
    /// Reads one report body.
    static func decode(_ r: inout ByteReader, blind: Bool) throws(DecodeError) -> PositionDraft {
        var d = PositionDraft()
        try binaryFix(&r, valid: !blind, into: &d)
        d["rssi"] = .int(try r.u8())
        let satellites = try r.u8()
        d["sat"] = .int(satellites)
        d.position.satellites = UInt32(satellites)
        d["odometer"] = .int(Int64(try r.u32()) * 1000)
        let battery = try r.u8()
        if battery <= 100 {
            d["batteryLevel"] = .int(battery)
        } else if battery == 0xAA || battery == 0xAB {
            d["charge"] = .bool(true)
        }
        try r.skip(6)  // cell id, LAC: positions carry no network
        let product = try r.u8()
        let status = try r.u16()
        let alarm = try r.u16()
        applyAlarms(product: product, status: status, alarm: alarm, into: &d)
        d["status"] = .int(status)
        try extras(&r, into: &d)
        return d
    }

    /// The JT600 fix; the report type, not the flags, says whether it is valid (blind-area
    /// reports are stored fixes), as in Traccar.
    private static func binaryFix(_ r: inout ByteReader, valid: Bool, into d: inout PositionDraft) throws(DecodeError) {
        d.timeMs = try r.bcdDateTime(dayFirst: true)
        let latitude = degreesMinutes(try r.bcd(8))
        let longitude = degreesMinutes(try r.bcd(9))
        let flags = try r.u8()
        d.setFix(latitude: flags & 0x02 != 0 ? latitude : -latitude, longitude: flags & 0x04 != 0 ? longitude : -longitude, valid: valid)
        d.position.speedKmh = Speed.kmh(knots: Double(try r.bcd(2)))
        d.position.courseDeg = Double(try r.u8()) * 2
    }

    /// `DDDMMmmmm` as a number: degrees and minutes with four decimals.
    private static func degreesMinutes(_ raw: Int) -> Double {
        Double(raw / 1_000_000) + Double(raw % 1_000_000) / 10_000 / 60
    }

    private static func applyAlarms(product: UInt8, status: UInt16, alarm: UInt16, into d: inout PositionDraft) {
        let bit = { (n: UInt16) in alarm & (1 << n) != 0 }
        switch product {
        case 1, 2:
            if bit(0) { d.addAlarm("lowPower") }
        case 3:
            d["blocked"] = .bool(status & 0x20 != 0)
            let alarms: [(UInt16, String)] = [(0, "overspeed"), (1, "lowPower"), (2, "vibration"), (3, "lowBattery"), (5, "geofenceEnter"), (6, "geofenceExit")]
            for (n, name) in alarms where bit(n) { d.addAlarm(name) }
        default:
            break
        }
    }

    /// (id, length, value) extras: altitude, wake source, MCC/MNC, lock records, tilt, geofence.
    private static func extras(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        while r.remaining > 2 {
            let id = try r.u8()
            let length = Int(try r.u8())
            switch id {
            case 0x02: d.position.altitudeM = Double(try r.i16())
            case 0x10: d["wakeSource"] = .int(try r.u8())
            case 0x0B:
                var value = JT808Extras.Value(reader: r, length: length, end: r.offset + length, next: r.offset + length)
                try JT808BasicExtras.lock(&value, into: &d)
                r = value.reader
            case 0x0C:
                var axes: [Int] = []
                for _ in 0..<3 {
                    let raw = Int(try r.u16())
                    axes.append(raw > 0x8000 ? raw - 0x10000 : raw)
                }
                d["tilt"] = .string("[" + axes.map(String.init).joined(separator: ",") + "]")
            case 0xFC: d["geofence"] = .int(try r.u8())
            default: try r.skip(length)  // 0x0A: MCC and MNC
            }
        }
    }
}
