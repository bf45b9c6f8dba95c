import TrackwireProtocol

/// The model-specific legacy layouts: ST910 (`ST910;<Location|Emergency|Alert>;<id>;…`), ST4xx
/// (seven cells before the fix) and the `HTE` travel report.
struct SuntechCompactDecoders {
    let protocolName: String
    let options: SuntechOptions

    /// `ST910;<type>;<id>;[fw;]<date>;<time>;[cell;]<lat>;<lon>;<speed>;<course>;<fix>[;odometer]`.
    func decodeST9(_ values: [String]) throws(DecodeError) -> Decoded {
        var fields = TextFieldReader(values, index: 1)
        let type = try fields.next()
        let id = try fields.next()
        guard ["Location", "Emergency", "Alert"].contains(type) else { throw DecodeError("unsupported", "Suntech travel report of type \(type)") }
        let firmware = type != "Alert" || options.protocolType == 0 ? try fields.next() : nil
        var position = Position.stub(deviceId: id, protocolName: protocolName, timeMs: try fields.suntechTime())
        position.set("versionFw", firmware.map(AttributeValue.string))
        if type != "Location" { position.setAlarm("general") }
        if options.protocolType == 1 { fields.skip() }  // cell
        try fields.suntechFix(into: &position)
        position.valid = try fields.next() == "1"
        if options.protocolType == 1 { position.attributes["odometer"] = .int(try fields.int()) }
        return .reporting([position], kind: type == "Location" ? .position : .alarm, deviceId: id)
    }

    /// `ST4xxSTT|ALT;<id>;<fw>;<model>;[variant;]` seven cells, battery, archive, index, status,
    /// optional extras, then date, time, lat, lon, speed, course, satellites, fix (all empty when
    /// the report has no fix).
    func decodeST4(_ values: [String], receivedAtMs: Int64) throws(DecodeError) -> Decoded {
        let type = String(values[0].dropFirst(5))
        var fields = TextFieldReader(values, index: 1)
        let id = try fields.next()
        guard type == "STT" || type == "ALT" else { throw DecodeError("unsupported", "Suntech ST4 \(type) message") }
        var position = Position.stub(deviceId: id, protocolName: protocolName, timeMs: receivedAtMs)
        position.attributes["type"] = .string(type)
        try readST4Status(&fields, into: &position)
        if fields.peek()?.isEmpty == false {
            position.fixTimeMs = try fields.suntechTime()
            position.deviceTimeMs = position.fixTimeMs
            try fields.suntechFix(into: &position)
            position.satellites = UInt32(clamping: try fields.int())
            position.valid = try fields.next() == "1"
        }
        return .reporting([position], deviceId: id)
    }

    /// Firmware, model (41 adds a variant, then temperature and motion), cells, battery, archive,
    /// index, status.
    private func readST4Status(_ fields: inout TextFieldReader, into position: inout Position) throws(DecodeError) {
        position.attributes["versionFw"] = .string(try fields.next())
        let model = try fields.int()
        if model == 41 { fields.skip() }  // variant
        fields.skip(6 * 7)  // cells: cid, mcc, mnc, rssi/lac, lac/rssi, timing advance
        position.attributes["battery"] = .double(try fields.double())
        if try fields.next() == "0" { position.attributes["archive"] = .bool(true) }
        position.attributes["index"] = .int(try fields.int())
        position.attributes["status"] = .int(try fields.int())
        if fields.peek()?.count == 3 { fields.skip() }  // collaborative network
        if model == 41 {
            fields.skip(2)  // collaborative network, temperature
            position.attributes["motion"] = .bool(try fields.int() == 2)
        }
    }

    /// `…HTE;<id>;…;<driver id>`: a trip summary; only the driver id is kept, on a position with no
    /// fix of its own (valid false, received time).
    func decodeTravelReport(_ values: [String], receivedAtMs: Int64) throws(DecodeError) -> Decoded {
        guard values.count > 2 else { throw DecodeError("malformed", "short HTE report") }
        var position = Position.stub(deviceId: values[1], protocolName: protocolName, timeMs: receivedAtMs)
        position.attributes["driverUniqueId"] = .string(values[values.count - 1])
        return .reporting([position], deviceId: values[1])
    }
}
