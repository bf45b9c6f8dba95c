import TrackwireProtocol

/// Binary records (docs/protocols/atrack.md "Record"): times, longitude then latitude (1e-6°),
/// heading, report id, odometer (0.1 km), HDOP, inputs, km/h, outputs, analog input (mV), driver,
/// two temperatures (0.1 °C), a message and custom data; records repeat while 40 bytes remain.
struct AtrackBinaryDecoder {
    static let minimumRecord = 40

    let protocolName: String
    let deviceId: String
    let options: AtrackOptions

    func decode(_ header: AtrackBinaryHeader) throws(DecodeError) -> [Position] {
        var r = ByteReader(header.bytes, offset: AtrackBinaryHeader.size)
        var positions: [Position] = []
        while r.remaining >= Self.minimumRecord { positions.append(try record(&r)) }
        return positions
    }

    private func record(_ r: inout ByteReader) throws(DecodeError) -> Position {
        var position = try times(&r)
        var attributes: [String: AttributeValue] = [:]
        position.valid = true
        position.longitude = Double(try r.i32()) * 1e-6
        position.latitude = Double(try r.i32()) * 1e-6
        position.courseDeg = Double(try r.u16())
        let type = Int(try r.u8())
        attributes["type"] = .int(type)
        if let alarm = options.alarmMap[type] { attributes["alarm"] = .string(alarm) }
        attributes["odometer"] = .int(Int64(try r.u32()) * 100)
        position.hdop = Double(try r.u16()) / 10
        attributes["input"] = .int(try r.u8())
        position.speedKmh = Double(try r.u16())
        attributes["output"] = .int(try r.u8())
        attributes["adc1"] = .double(Double(try r.u16()) * 0.001)
        if let driver = try Self.string(&r) { attributes["driverUniqueId"] = .string(driver) }
        attributes["temp1"] = .double(Double(try r.i16()) / 10)
        attributes["temp2"] = .double(Double(try r.i16()) / 10)
        if let message = try Self.string(&r), !message.isEmpty { AtrackMessage.read(message, decimalFuel: options.decimalFuel, into: &attributes) }
        if options.custom {
            var form = options.form ?? ""
            if options.form == nil { form = String(AtrackFrame.trimmed(try Self.string(&r) ?? "").dropFirst(3)) }
            try AtrackBinaryCustomData.read(&r, keys: AtrackOptions.keys(form), into: &position, &attributes)
        }
        position.attributes = attributes
        return position
    }

    /// GPS and device time (Unix seconds, then the send time), or with `LongDate` a broken-down
    /// date and 14 bytes Traccar skips.
    private func times(_ r: inout ByteReader) throws(DecodeError) -> Position {
        guard options.longDate else {
            var position = Position.stub(deviceId: deviceId, protocolName: protocolName, timeMs: Int64(try r.u32()) * 1000)
            position.deviceTimeMs = Int64(try r.u32()) * 1000
            try r.skip(4)
            return position
        }
        let year = Int(try r.u16()), month = Int(try r.u8()), day = Int(try r.u8())
        let hour = Int(try r.u8()), minute = Int(try r.u8()), second = Int(try r.u8())
        guard let time = UTCTime.milliseconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else {
            throw DecodeError("malformed", "ATrack long date \(year)-\(month)-\(day)")
        }
        try r.skip(7 + 7)
        return Position.stub(deviceId: deviceId, protocolName: protocolName, timeMs: time)
    }

    /// Traccar's `readString`: the text up to the next NUL (`nil` when empty or none), then one
    /// byte (the NUL) consumed.
    static func string(_ r: inout ByteReader) throws(DecodeError) -> String? {
        let rest = r.bytes[r.offset..<r.end]
        guard let nul = rest.firstIndex(of: 0) else {
            try r.skip(1)
            return nil
        }
        let text = nul > r.offset ? Latin1.string(rest[..<nul]) : nil
        try r.skip(nul - r.offset + 1)
        return text
    }
}

/// A record's text message: `FULS:F=<hex> t=<hex> N=<hex>` gives the fuel level (N/10, decimal
/// with `DecimalFuel`); any other text is kept as `message`.
enum AtrackMessage {
    static func read(_ message: String, decimalFuel: Bool, into attributes: inout [String: AttributeValue]) {
        guard let fuel = fuelLevel(message, radix: decimalFuel ? 10 : 16) else {
            attributes["message"] = .string(message)
            return
        }
        attributes["fuelLevel"] = .double(Double(fuel) / 10)
    }

    private static func fuelLevel(_ message: String, radix: Int) -> Int? {
        guard let start = message.firstRange(of: "FULS:F=") else { return nil }
        let fields = message[start.upperBound...].split(separator: " ", maxSplits: 2)
        guard fields.count == 3, fields[0].allSatisfy(\.isHexDigit), !fields[0].isEmpty, fields[1].hasPrefix("t="), fields[2].hasPrefix("N=") else { return nil }
        return Int(fields[2].dropFirst(2).prefix { $0.isHexDigit }, radix: radix)
    }
}
