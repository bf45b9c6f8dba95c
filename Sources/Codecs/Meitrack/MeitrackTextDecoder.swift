import TrackwireProtocol

/// Decodes the text position report (`AAA`, and `AFF` with its extra leading field):
/// `<event>,<lat>,<lon>,<yyMMddHHmmss>,<A|V>,<sats>,<gsm>,<speed>,<course>,<hdop>,<alt>,<odometer>,
/// <runtime>,<cell>,<io>,<analog>[,<event data>,<reserved>,<protocol>,<fuel>,<temps>,<count>,<data>]`.
struct MeitrackTextDecoder {
    let protocolName: String
    /// `ModelOverride`, for the model-specific scaling of the hex battery and power values.
    let model: String

    func decode(_ frame: MeitrackFrame) throws(DecodeError) -> Position {
        var fields = TextFieldReader(Latin1.fields(frame.data, separator: UInt8(ascii: ",")))
        if let second = fields.peek(1), !second.contains(".") { fields.skip() }  // AFF's leading number
        let event = try fields.int()
        let latitude = try fields.double()
        let longitude = try fields.double()
        guard let time = Self.time(try fields.next()) else { throw DecodeError("malformed", "bad AAA time") }
        var position = Position.stub(deviceId: frame.imei, protocolName: protocolName, timeMs: time)
        position.latitude = latitude
        position.longitude = longitude
        position.attributes["event"] = .int(event)
        position.setAlarm(MeitrackAlarms.alarm(forEvent: event))
        position.valid = try fields.next() == "A"
        try readMotion(&fields, into: &position)
        try readIO(&fields, into: &position)
        readTail(&fields, event: event, into: &position)
        return position
    }

    private func readMotion(_ fields: inout TextFieldReader, into position: inout Position) throws(DecodeError) {
        position.satellites = UInt32(clamping: try fields.int())
        position.attributes["rssi"] = .int(try fields.int())
        position.speedKmh = try fields.double()
        position.courseDeg = try fields.double()
        position.hdop = try fields.double()
        position.altitudeM = try fields.double()
        position.attributes["odometer"] = .int(try fields.int())
        position.attributes["runtime"] = .int(try fields.int())
        fields.skip()  // cell: mcc|mnc|lac|ci
    }

    private func readIO(_ fields: inout TextFieldReader, into position: inout Position) throws(DecodeError) {
        let io = try fields.next()
        guard io.count == 4, let input = TextNumber.hex(io.prefix(2)), let output = TextNumber.hex(io.suffix(2)) else {
            throw DecodeError("malformed", "bad AAA io field")
        }
        position.attributes["input"] = .int(input)
        position.attributes["output"] = .int(output)
        let analog = try fields.next().split(separator: "|", omittingEmptySubsequences: false)
        guard analog.count == 5 else { throw DecodeError("malformed", "bad AAA analog field") }
        if analog.allSatisfy({ $0.contains(".") }) {
            position.set("battery", TextNumber.decimal(analog[0]).map(AttributeValue.double))
            position.set("power", TextNumber.decimal(analog[1]).map(AttributeValue.double))
        } else {
            for i in 0..<3 { position.set("adc\(i + 1)", TextNumber.hex(analog[i]).map(AttributeValue.int)) }
            let scale = MeitrackAlarms.voltageScale(model: model)
            position.set("battery", TextNumber.hex(analog[3]).map { .double(Double($0) * scale.battery) })
            position.set("power", TextNumber.hex(analog[4]).map { .double(Double($0) * scale.power) })
        }
    }

    /// The optional tail; Traccar reads it only when event data, reserved and protocol are all there.
    private func readTail(_ fields: inout TextFieldReader, event: Int, into position: inout Position) {
        guard fields.remaining >= 3, let eventData = fields.peek() else { return }
        if !eventData.isEmpty {
            position.attributes[event == 37 ? "driverUniqueId" : "eventData"] = .string(eventData)
        }
        fields.skip(2)
        let protocolVersion = fields.optionalInt() ?? 0
        if let fuel = fields.peek(), fuel.count == 4, let whole = TextNumber.hex(fuel.prefix(2)),
           let hundredths = TextNumber.hex(fuel.suffix(2)) {
            position.attributes["fuel"] = .double(Double(whole) + Double(hundredths) * 0.01)
        }
        fields.skip()
        if let temps = fields.peek() {
            for sensor in temps.split(separator: "|") { readTemperature(sensor, protocolVersion, into: &position) }
        }
    }

    /// `IIVVVV`: sensor index, then the value (signed /100 from protocol 3, else degrees + hundredths).
    private func readTemperature(_ text: Substring, _ protocolVersion: Int, into position: inout Position) {
        guard text.count == 6, let index = TextNumber.hex(text.prefix(2)), let raw = TextNumber.hex(text.suffix(4)) else {
            return
        }
        let value: Double
        if protocolVersion >= 3 {
            value = Double(Int16(truncatingIfNeeded: raw)) * 0.01
        } else {
            let degrees = Double(Int8(truncatingIfNeeded: raw >> 8))
            value = degrees + (degrees < 0 ? -0.01 : 0.01) * Double(raw & 0xFF)
        }
        position.attributes["temp\(index)"] = .double(value)
    }

    /// `yyMMddHHmmss` in UTC.
    static func time(_ text: String) -> Int64? {
        let digits = Array(text.utf8)
        guard digits.count == 12, digits.allSatisfy({ (48...57).contains($0) }) else { return nil }
        func pair(_ i: Int) -> Int { Int(digits[i] - 48) * 10 + Int(digits[i + 1] - 48) }
        return UTCTime.milliseconds(year: pair(0), month: pair(2), day: pair(4), hour: pair(6), minute: pair(8), second: pair(10))
    }
}
