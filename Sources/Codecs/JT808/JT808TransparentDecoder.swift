import TrackwireProtocol

/// 0x0900 transparent data (docs/protocols/jt808.md): a type byte, then driver sign-ins (`GTSL`
/// text), `$OBD-RT` text, vendor OBD/alarm records (0xF0), a fix (0xFF), a collision record
/// (0xF3), or a fix with BLE tags (0x53) or sensor samples (0x54).
struct JT808TransparentDecoder {
    let settings: JT808Settings

    /// Reads the transparent body; throws `unsupported` for types Traccar does not read.
    func decode(_ r: inout ByteReader) throws(DecodeError) -> PositionDraft {
        let type = try r.u8()
        var d = PositionDraft()
        switch type {
        case 0x40: try text(&r, into: &d)
        case 0x41: JT808ObdSentence.apply(try r.latin1(max(0, r.remaining - 2)).javaTrimmed, into: &d)
        case 0xF0: try JT808VendorRecords(settings: settings).decode(&r, into: &d)
        case 0xFF: try fix(&r, into: &d)
        case 0xF3: try collision(&r, into: &d)
        case 0x53, 0x54:
            try JT808LocationDecoder.coordinates(&r, settings: settings, into: &d)
            try motion(&r, into: &d)
            if type == 0x53 { try bleTags(&r, into: &d) } else { try sensorSamples(&r, into: &d) }
        default:
            throw DecodeError("unsupported", "JT808 transparent data of type 0x\(String(type, radix: 16))")
        }
        return d
    }

    /// 0x40: `GTSL|…|<driver id>|…` sign-ins give the driver id; other text is kept as `data`.
    private func text(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        let data = try r.latin1(max(0, r.remaining - 2)).javaTrimmed
        guard data.hasPrefix("GTSL") else {
            d["data"] = .string(data)
            return
        }
        let fields = data.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count > 4 else { throw DecodeError("malformed", "JT808 GTSL sign-in without a driver id") }
        d["driverUniqueId"] = .string(String(fields[4]))
    }

    /// 0xFF: time, signed coordinates, altitude, speed and course of a valid fix.
    private func fix(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        d.timeMs = try r.bcdDateTime(offsetMinutes: settings.offsetMinutes)
        d.setFix(latitude: Double(try r.i32()) / 1_000_000, longitude: Double(try r.i32()) / 1_000_000, valid: true)
        try motion(&r, into: &d, timeFirst: true)
    }

    /// Altitude, speed (0.1 km/h), course and, unless already read, the time.
    private func motion(_ r: inout ByteReader, into d: inout PositionDraft, timeFirst: Bool = false) throws(DecodeError) {
        d.position.altitudeM = Double(try r.i16())
        d.position.speedKmh = Double(try r.u16()) / 10
        d.position.courseDeg = Double(try r.u16())
        if !timeFirst { d.timeMs = try r.bcdDateTime(offsetMinutes: settings.offsetMinutes) }
    }

    /// 0xF3: (type:2, length:2, value) entries; collision strength and the device time are kept.
    private func collision(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        while r.remaining > 4 {
            let type = try r.u16()
            let next = r.offset + 2 + Int(try r.u16())
            switch type {
            case 0x0002: d["collision"] = .double(Double(try r.u16()) / 256 / 100)
            case 0x0006: d.deviceTimeMs = try r.bcdDateTime(offsetMinutes: settings.offsetMinutes)
            default: break
            }
            r = r.moved(to: next)
        }
        d.timeMs = d.deviceTimeMs
    }

    /// 0x53: the node count, then per tag its index, MAC, RSSI and raw data.
    private func bleTags(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        try r.skip(1)
        while r.remaining > 2 {
            let tag = "tag\(Int(try r.u8()) + 1)"
            d[tag + "Mac"] = .string(try r.hex(6))
            d[tag + "Rssi"] = .int(try r.i8())
            d[tag + "Data"] = .string(try r.hex(Int(try r.u8())))
        }
    }

    /// 0x54: samples of a mask, a time and the masked light, climate, temperature, motion and pressure.
    private func sensorSamples(_ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        while r.remaining > 2 {
            let mask = try r.u16()
            let has = { (bit: UInt16) in mask & (1 << bit) != 0 }
            try r.skip(6)  // sample time
            if has(0) { d["lightSensor"] = .int(try r.u16()) }
            if has(1) {
                d["deviceTemp"] = .double(Double(try r.i16()) / 10)
                d["humidity"] = .double(Double(try r.i16()) / 10)
            }
            if has(2) { d["temp3"] = .double(Double(try r.i16()) / 10) }
            if has(3) { try r.skip(6) }  // acceleration
            if has(4) { d["airPressure"] = .int(try r.u16()) }
        }
    }
}
