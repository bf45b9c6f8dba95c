import TrackwireProtocol

/// The masked fields of a universal binary report, mask bit n meaning field n is present.
struct SuntechBinaryFields {
    let mask: Int

    private func has(_ bit: Int) -> Bool { mask >> bit & 1 == 1 }

    /// Reads the fields in mask order; `alarms` (type 0x82, ALT) maps the alert id to an alarm.
    func read(_ reader: inout ByteReader, alarms: Bool, into position: inout Position) throws(DecodeError) {
        if has(1) { try reader.skip(1) }  // model
        if has(2) {
            let version = try reader.read(3).map(String.init).joined(separator: ".")
            position.attributes["versionFw"] = .string(version)
        }
        if has(3), try reader.u8() == 0 { position.attributes["archive"] = .bool(true) }
        if has(4), has(5) { try readTime(&reader, into: &position) }
        for (bit, width) in [(6, 4), (7, 2), (8, 2), (9, 2)] where has(bit) { try reader.skip(width) }  // cell
        if has(10) { position.attributes["rssi"] = .int(try reader.u8()) }
        if has(11) { position.latitude = Double(Self.signedMagnitude(try reader.u32())) / 1e6 }
        if has(12) { position.longitude = Double(Self.signedMagnitude(try reader.u32())) / 1e6 }
        if has(13) { position.speedKmh = Double(try reader.u16()) / 100 }
        if has(14) { position.courseDeg = Double(try reader.u16()) / 100 }
        if has(15) { position.satellites = UInt32(try reader.u8()) }
        if has(16) { position.valid = try reader.u8() > 0 }
        try readIO(&reader, alarms: alarms, into: &position)
    }

    private func readTime(_ reader: inout ByteReader, into position: inout Position) throws(DecodeError) {
        let parts = try reader.read(6).map(Int.init)
        guard let time = UTCTime.milliseconds(year: parts[0], month: parts[1], day: parts[2],
                                              hour: parts[3], minute: parts[4], second: parts[5]) else {
            throw DecodeError("malformed", "bad Suntech binary date")
        }
        position.fixTimeMs = time
        position.deviceTimeMs = time
    }

    /// Inputs, outputs, alert id and modifier, and the driver id of alert 59.
    private func readIO(_ reader: inout ByteReader, alarms: Bool, into position: inout Position) throws(DecodeError) {
        if has(17) {
            let input = try reader.u8()
            position.attributes["ignition"] = .bool(input & 1 == 1)
            position.attributes["input"] = .int(input)
        }
        if has(18) { position.attributes["output"] = .int(try reader.u8()) }
        var alertId: UInt8 = 0
        if has(19) {
            alertId = try reader.u8()
            if alarms { position.setAlarm(SuntechAlarms.alert(Int(alertId))) }
        }
        if has(20) { try reader.skip(2) }  // alert modifier
        if has(21), alertId == 59 {
            position.attributes["driverUniqueId"] = .string(HexText.lowercase(try reader.read(8)))
        }
    }

    /// Bit 31 is the sign, the rest the magnitude.
    static func signedMagnitude(_ raw: UInt32) -> Int64 {
        let magnitude = Int64(raw & 0x7FFF_FFFF)
        return raw & 0x8000_0000 != 0 ? -magnitude : magnitude
    }
}
