/// Replies and text the device sends: command replies (0x15 short, 0x21 extended), serial
/// passthrough (0x9B) and the FM08ABC OBD text (0x8C).
enum GT06TextDecoders {
    /// 0x15: command length, server flag, ASCII reply. `<ICCID:...>` replies are stored as ICCID.
    static func commandText(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let length = Int(try reader.u8())
        guard length > 0 else { return }
        try reader.skip(4)  // server flag
        let text = try reader.string(length - 4)
        if text.hasPrefix("<ICCID:") {
            record["iccid"] = .string(String(text.dropFirst(7).prefix(20)))
        } else {
            record.result = GT06VariantTail.trimmed(text)
        }
    }

    /// 0x21: server flag, encoding (1 = ASCII, else UTF-16BE), text. A "Current position!" text
    /// becomes a fix; anything else is a command result.
    static func commandInfo(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try reader.skip(4)  // server flag
        let ascii = try reader.u8() == 1
        let raw = try reader.read(max(0, reader.gt06Payload))
        let text = ascii ? String(decoding: raw, as: UTF8.self) : utf16BigEndian(raw)
        if !GT06PositionText.parse(text, into: &record) { record.result = text }
    }

    /// 0x9B: device type code, then data stored as text when printable, else as hex.
    static func serialData(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try reader.skip(1)  // external device type code
        let data = try reader.read(max(0, reader.gt06Payload))
        let printable = data.allSatisfy { (0x20...0x7F).contains($0) || $0 == 0x0D || $0 == 0x0A }
        record.result = printable ? GT06VariantTail.trimmed(String(decoding: data, as: UTF8.self)) : GT06Blocks.hex(data)
    }

    /// 0x8C: date, ACC, then `KKK=hex` pairs whose first two key digits name the value.
    static func obd(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        record.timeMs = try GT06Blocks.date(&reader)
        record["ignition"] = .bool(try reader.u8() > 0)
        let text = try reader.string(max(0, reader.remaining - 18))
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let key = Int(parts[0].prefix(2), radix: 16) else { continue }
            obdValue(key: key, value: String(parts[1]), into: &record)
        }
    }

    private static func obdValue(key: Int, value: String, into record: inout GT06Record) {
        let names = [0x28: "odometer", 0x2B: "fuel", 0x2D: "coolantTemp", 0x35: "obdSpeed",
                     0x36: "rpm", 0x47: "fuelUsed", 0x49: "hours"]
        if key == 0x4A {
            record["vin"] = .string(value)
        } else if let name = names[key], let number = Int64(value, radix: 16) {
            record[name] = .double(Double(number) * 0.01)
        }
    }

    private static func utf16BigEndian(_ bytes: ArraySlice<UInt8>) -> String {
        let units = stride(from: bytes.startIndex, to: bytes.endIndex - 1, by: 2).map {
            UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])
        }
        return String(decoding: units, as: UTF16.self)
    }
}

/// The "Current position!" text of 0x21 replies:
/// `Current position!Lat:N54.739332,Lon:E25.273270,Course:126.53,Speed:0.0000,DateTime:2017-05-26  10:27:47`.
enum GT06PositionText {
    static func parse(_ text: String, into record: inout GT06Record) -> Bool {
        guard text.hasPrefix("Current position!") else { return false }
        let fields = Dictionary(text.dropFirst(17).split(separator: ",").compactMap(field), uniquingKeysWith: { a, _ in a })
        guard let lat = fields["Lat"].flatMap(hemisphere), let lon = fields["Lon"].flatMap(hemisphere),
              let course = fields["Course"].flatMap({ Double($0) }), let speed = fields["Speed"].flatMap({ Double($0) }),
              let time = fields["DateTime"].flatMap(dateTime) else { return false }
        record.setFix(latitude: lat, longitude: lon, valid: true)
        record.position.courseDeg = course
        record.position.speedKmh = Speed.kmh(knots: speed)  // Traccar takes this speed as knots
        record.timeMs = time
        return true
    }

    private static func field(_ text: Substring) -> (String, Substring)? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), text[text.index(after: colon)...])
    }

    /// `N54.739332` → 54.739332; S and W are negative.
    private static func hemisphere(_ text: Substring) -> Double? {
        guard let sign = text.first, "NSEW".contains(sign), let value = Double(text.dropFirst()) else { return nil }
        return sign == "S" || sign == "W" ? -value : value
    }

    /// `2017-05-26  10:27:47` (one or more spaces), UTC.
    private static func dateTime(_ text: Substring) -> Int64? {
        let numbers = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
        guard numbers.count == 6 else { return nil }
        return UTCTime.milliseconds(year: numbers[0], month: numbers[1], day: numbers[2],
                                    hour: numbers[3], minute: numbers[4], second: numbers[5])
    }
}
