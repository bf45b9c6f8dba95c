import TrackwireProtocol

/// Turns Topin frames into positions (docs/protocols/topin.md "Position content").
struct TopinDecoder {
    let frame: TopinFrame
    let receivedAtMs: Int64

    /// The IMEI of a login frame: 8 BCD bytes with a leading zero nibble.
    static func imei(_ frame: TopinFrame) throws(DecodeError) -> String {
        var reader = frame.contentReader()
        return String(try reader.hex(8).dropFirst())
    }

    /// Decodes the frame for the session's device.
    func decode(deviceId: String?) throws(DecodeError) -> Decoded {
        if frame.type == 0x01 { return Decoded(kind: .login, deviceId: try Self.imei(frame)) }
        guard let deviceId else { throw DecodeError("unidentified", "Topin message 0x\(String(frame.type, radix: 16)) before login") }
        var reader = frame.contentReader()
        var draft = PositionDraft()
        let kind: FrameKind
        switch frame.type {
        case 0x30: return Decoded(kind: .other, deviceId: deviceId)
        case 0x10, 0x11: kind = .position; try gps(&reader, into: &draft)
        case 0x08, 0x09: kind = .position; try gps2(&reader, into: &draft)
        case 0x13: kind = .heartbeat; try status(&reader, into: &draft)
        case 0x17, 0x18, 0x19, 0x1A, 0x69: kind = .status; try TopinWifiReport.read(&reader, accessPoints: Int(frame.length), into: &draft)
        case 0x94: kind = .alarm; draft.addAlarm("vibration")
        case 0x99: kind = .alarm; draft.addAlarm("sos")
        default: throw DecodeError("unsupported", "Topin message type 0x\(String(frame.type, radix: 16))")
        }
        return .reporting([draft], kind: kind, deviceId: deviceId, protocolName: TopinCodec.descriptor.name, fallbackTimeMs: receivedAtMs)
    }

    /// 0x10/0x11: the GT06 GPS block (GPS status word, ACC bits), then altitude and an alarm byte.
    private func gps(_ reader: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        var record = GT06Record()
        try GT06Blocks.gps(&reader, into: &record)
        d.position = record.position
        d.attributes = record.attributes
        d.timeMs = record.timeMs
        d.setFix(latitude: record.position.latitude, longitude: record.position.longitude, valid: record.position.valid)
        if reader.remaining >= 5 {
            d.position.altitudeM = Double(try reader.i16())
            d.addAlarm(TopinAlarms.alarm(try reader.u8()))
        }
    }

    /// 0x08 (valid) / 0x09: time, degree-byte coordinates, a second pair (skipped), km/h,
    /// course / 2, satellites.
    private func gps2(_ reader: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        guard reader.remaining > 2 else { throw DecodeError("unsupported", "Topin 0x\(String(frame.type, radix: 16)) report without a fix") }
        d.timeMs = try GT06Blocks.date(&reader)
        d.setFix(latitude: try coordinate(&reader), longitude: try coordinate(&reader), valid: frame.type == 0x08)
        try reader.skip(8)
        d.position.speedKmh = Double(try reader.u8())
        d.position.courseDeg = Double(try reader.u8()) * 2
        let satellites = try reader.u8()
        d["sat"] = .int(satellites)
        d.position.satellites = UInt32(satellites)
    }

    /// Whole degrees, then 3 bytes: a non-zero top nibble means negative, the low 20 bits are millionths.
    private func coordinate(_ reader: inout ByteReader) throws(DecodeError) -> Double {
        let degrees = Double(try reader.u8())
        let negative = (reader.peek() ?? 0) & 0xF0 != 0
        let value = degrees + Double(try reader.u24() & 0x0F_FFFF) / 1_000_000
        return negative ? -value : value
    }

    /// 0x13: battery level, firmware, time zone, interval, then RSSI, temperature, charging and
    /// heart rate as far as they are there.
    private func status(_ reader: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        d["batteryLevel"] = .int(try reader.u8())
        d["versionFw"] = .int(try reader.u8())
        try reader.skip(2)  // time zone, interval
        if reader.remaining >= 3 { d["rssi"] = .int(try reader.u8()) }
        if reader.remaining >= 5 { try reader.skip(3) }  // temperature
        if reader.remaining >= 3 { d["charge"] = .bool(try reader.u8() > 0) }
        if reader.remaining >= 3 { d["heartRate"] = .int(try reader.u8()) }
    }
}

/// The alarm byte of Topin reports: vibration, else overspeed, else low power.
enum TopinAlarms {
    static func alarm(_ bits: UInt8) -> String? {
        if bits & 0x01 != 0 { return "vibration" }
        if bits & 0x02 != 0 { return "overspeed" }
        if bits & 0x10 != 0 { return "lowPower" }
        return nil
    }
}
