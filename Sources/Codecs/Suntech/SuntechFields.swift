import TrackwireProtocol

extension TextFieldReader {
    /// Two fields `yyyyMMdd;HH:mm:ss` (UTC) as unix milliseconds.
    mutating func suntechTime() throws(DecodeError) -> Int64 {
        let date = Array(try next().utf8)
        let time = Array(try next().utf8)
        guard date.count == 8, time.count == 8, time[2] == UInt8(ascii: ":"), time[5] == UInt8(ascii: ":"),
              let year = Self.digits(date, 0, 4), let month = Self.digits(date, 4, 2), let day = Self.digits(date, 6, 2),
              let hour = Self.digits(time, 0, 2), let minute = Self.digits(time, 3, 2), let second = Self.digits(time, 6, 2),
              let ms = UTCTime.milliseconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { throw DecodeError("malformed", "bad Suntech date/time") }
        return ms
    }

    /// Latitude, longitude, speed (km/h) and course, in that order.
    mutating func suntechFix(into position: inout Position) throws(DecodeError) {
        position.latitude = try double()
        position.longitude = try double()
        position.speedKmh = try double()
        position.courseDeg = try double()
    }

    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for byte in bytes[start..<(start + count)] {
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

extension Position {
    /// The legacy six-character io field: ignition, in1–in3, out1–out2 as `0`/`1`.
    mutating func setSuntechIO(_ io: String) {
        let flags = Array(io.utf8)
        guard flags.count >= 6 else { return }
        let keys = ["ignition", "in1", "in2", "in3", "out1", "out2"]
        for (key, flag) in zip(keys, flags) { attributes[key] = .bool(flag == UInt8(ascii: "1")) }
    }
}
