import TrackwireProtocol

/// Decodes the "universal" text format `<TYPE>;<id>;<hex field mask>;…` (TYPE `STT`, `ALT`, `UEX`,
/// `BLE` with a fixed mask, `RES` for command results). Mask bit n says field n is present;
/// fields past the mask become `assign1…`.
struct SuntechUniversalDecoder {
    /// The fields a `BLE` report always has: model, firmware, date, time, latitude, longitude.
    private static let bleMask = 0b1_1000_0011_0110

    let protocolName: String

    func decode(_ values: [String], context: DecodeContext) throws(DecodeError) -> Decoded {
        let type = values[0]
        var fields = TextFieldReader(values, index: 1)
        let id = try fields.next()
        if type == "RES" {
            return .commandResult(values[fields.index...].joined(separator: ";"), deviceId: id, timeMs: context.receivedAtMs)
        }
        guard ["STT", "ALT", "BLE", "UEX"].contains(type) else { throw DecodeError("unsupported", "Suntech universal \(type) message") }
        let mask = type == "BLE" ? Self.bleMask : try fields.hex()
        var position = Position.stub(deviceId: id, protocolName: protocolName, timeMs: context.receivedAtMs)
        position.attributes["type"] = .string(type)
        try header(&fields, mask: mask, into: &position)
        if type == "BLE" {
            try bleTags(&fields, into: &position)
        } else {
            try report(&fields, mask: mask, type: type, into: &position)
        }
        return .reporting([position], kind: position.attributes["alarm"] == nil ? .position : .alarm, deviceId: id)
    }

    /// Mask bits 1–12: model, firmware, archive, date+time, cell, MCC, MNC, LAC, RSSI, latitude, longitude.
    private func header(_ fields: inout TextFieldReader, mask: Int, into position: inout Position) throws(DecodeError) {
        func has(_ bit: Int) -> Bool { mask >> bit & 1 == 1 }
        if has(1) { fields.skip() }
        if has(2) { position.attributes["versionFw"] = .string(try fields.next()) }
        if has(3), try fields.next() == "0" { position.attributes["archive"] = .bool(true) }
        if has(4), has(5) {
            position.fixTimeMs = try fields.suntechTime()
            position.deviceTimeMs = position.fixTimeMs
        }
        for bit in 6...9 where has(bit) { fields.skip() }  // cell id, MCC, MNC, LAC
        if has(10) { position.attributes["rssi"] = .int(try fields.int()) }
        if has(11) { position.latitude = try fields.double() }
        if has(12) { position.longitude = try fields.double() }
    }

    /// `<count>` then per tag: rssi, min, max, id, samples, major, minor.
    private func bleTags(_ fields: inout TextFieldReader, into position: inout Position) throws(DecodeError) {
        position.valid = true
        let count = try fields.int()
        guard count >= 0, count <= fields.remaining / 7 else { throw DecodeError("malformed", "bad BLE tag count") }
        for i in 0..<count {
            position.attributes["tag\(i + 1)Rssi"] = .int(try fields.int())
            fields.skip(2)
            position.attributes["tag\(i + 1)Id"] = .string(try fields.next())
            position.attributes["tag\(i + 1)Samples"] = .int(try fields.int())
            position.attributes["tag\(i + 1)Major"] = .int(try fields.int())
            position.attributes["tag\(i + 1)Minor"] = .int(try fields.int())
        }
    }

    /// Mask bits 13–18 (motion, fix, inputs, outputs), the type's own fields, then 22–23 and the
    /// trailing assigned fields.
    private func report(_ fields: inout TextFieldReader, mask: Int, type: String, into position: inout Position) throws(DecodeError) {
        func has(_ bit: Int) -> Bool { mask >> bit & 1 == 1 }
        if has(13) { position.speedKmh = try fields.double() }
        if has(14) { position.courseDeg = try fields.double() }
        if has(15) { position.satellites = UInt32(clamping: try fields.int()) }
        if has(16) { position.valid = try fields.next() == "1" }
        if has(17) {
            let input = try fields.int()
            position.attributes["ignition"] = .bool(input & 1 == 1)
            position.attributes["input"] = .int(input)
        }
        if has(18) { position.attributes["output"] = .int(try fields.int()) }
        try typeFields(&fields, mask: mask, type: type, into: &position)
        if has(22) { fields.skip() }  // reserved
        if has(23), type != "UEX" { try assignedIO(&fields) { position.attributes[$0] = .string($1) } }
        var assign = 1
        while let value = try? fields.next() {
            if !value.isEmpty { position.attributes["assign\(assign)"] = .string(value) }
            assign += 1
        }
    }

    /// Bits 19–21: alert id, modifier and data for `ALT`; mode, reason and index otherwise;
    /// `UEX` carries its serial data here instead.
    private func typeFields(_ fields: inout TextFieldReader, mask: Int, type: String, into position: inout Position) throws(DecodeError) {
        func has(_ bit: Int) -> Bool { mask >> bit & 1 == 1 }
        switch type {
        case "ALT": try alert(&fields, mask: mask, into: &position)
        case "UEX": try SuntechSerialData.read(&fields, into: &position)
        default:
            if has(19) { position.attributes["mode"] = .int(try fields.int()) }
            if has(20) { position.attributes["reason"] = .int(try fields.int()) }
            if has(21) { position.attributes["index"] = .int(try fields.int()) }
        }
    }

    private func alert(_ fields: inout TextFieldReader, mask: Int, into position: inout Position) throws(DecodeError) {
        if mask >> 19 & 1 == 1 {
            let alertId = try fields.int()
            position.setAlarm(SuntechAlarms.alert(alertId))
            position.attributes["alertId"] = .int(alertId)
        }
        if mask >> 20 & 1 == 1 { position.attributes["alertModifier"] = .string(try fields.next()) }
        if mask >> 21 & 1 == 1 { position.attributes["alertData"] = .string(try fields.next()) }
    }

    /// A hex mask of assigned inputs, then one value per set bit: `io1…io31`.
    private func assignedIO(_ fields: inout TextFieldReader, _ set: (String, String) -> Void) throws(DecodeError) {
        let assignMask = try fields.hex()
        for bit in 0...30 where assignMask >> bit & 1 == 1 { set("io\(bit + 1)", try fields.next()) }
    }
}
