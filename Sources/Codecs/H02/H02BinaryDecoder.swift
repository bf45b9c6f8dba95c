import TrackwireProtocol

/// Decodes the H02 binary report: `$`, BCD id, time, date, latitude, battery, longitude with a
/// flag nibble, speed (knots) and course, status word (docs/protocols/h02.md). The 42-byte variant
/// carries an 8-byte id of which the first 15 digits count.
struct H02BinaryDecoder {
    let protocolName: String

    /// The device id the report carries.
    static func deviceId(_ frame: [UInt8]) throws(DecodeError) -> String {
        var reader = ByteReader(frame, offset: 1)
        return try readId(&reader, long: frame.count == 42)
    }

    /// The report as a position.
    func decode(_ frame: [UInt8]) throws(DecodeError) -> Position {
        var reader = ByteReader(frame, offset: 1)
        let id = try Self.readId(&reader, long: frame.count == 42)
        let time = try Self.readTime(&reader)
        let latitude = Self.minutesToDegrees(try Self.nibbles(&reader, 4), degreeDigits: 2)
        let battery = try reader.u8()
        var lonNibbles = try Self.nibbles(&reader, 5)
        let flags = lonNibbles.removeLast()
        let longitude = Self.minutesToDegrees(lonNibbles, degreeDigits: 3)
        let motion = try Self.nibbles(&reader, 3)
        let status = try reader.u32()

        var position = TextProto.position(deviceId: id, protocolName: protocolName, timeMs: time)
        position.valid = flags & 0x02 != 0
        position.latitude = flags & 0x04 != 0 ? latitude : -latitude
        position.longitude = flags & 0x08 != 0 ? longitude : -longitude
        guard Coordinates.isOnGlobe(latitude: position.latitude, longitude: position.longitude) else {
            throw DecodeError("bad_coordinates", "H02 binary coordinates \(latitude), \(longitude) are off the globe")
        }
        position.speedKmh = Speed.kmh(knots: Double(Self.number(motion[0..<3])))
        position.courseDeg = Double(Self.number(motion[3..<6]))
        if let level = Self.batteryLevel(battery) { position.attributes["batteryLevel"] = .int(level) }
        H02Status.apply(status, to: &position)
        return position
    }

    /// The report's UTC time in ms (`hhmmss` then `ddmmyy`, BCD).
    static func readTime(_ reader: inout ByteReader) throws(DecodeError) -> Int64 {
        let d = try nibbles(&reader, 6)
        let v = stride(from: 0, to: 12, by: 2).map { number(d[$0..<$0 + 2]) }
        guard let ms = UTCTime.milliseconds(year: v[5], month: v[4], day: v[3], hour: v[0], minute: v[1], second: v[2]) else {
            throw DecodeError("bad_time", "H02 binary time \(v) is not a time")
        }
        return ms
    }

    private static func readId(_ reader: inout ByteReader, long: Bool) throws(DecodeError) -> String {
        let digits = try nibbles(&reader, long ? 8 : 5).prefix(long ? 15 : 10)
        return String(digits.map { Character(Unicode.Scalar($0 < 10 ? 0x30 + $0 : 0x57 + $0)) })
    }

    /// Battery byte: 1–3 → 0/10/20 %, 4–6 → 60/80/100 %, up to 100 → itself, F1–F6 → 1–6.
    static func batteryLevel(_ value: UInt8) -> Int64? {
        switch value {
        case 1...3: Int64(value - 1) * 10
        case 4...6: Int64(value - 1) * 20
        case 7...100: Int64(value)
        case 0xF1...0xF6: Int64(value - 0xF0)
        default: nil
        }
    }

    /// `DD(D)MMmmmm` nibbles to degrees.
    private static func minutesToDegrees(_ digits: [UInt8], degreeDigits: Int) -> Double {
        let degrees = Double(number(digits[0..<degreeDigits]))
        let minutes = Double(number(digits[degreeDigits...])) / 10_000
        return degrees + minutes / 60
    }

    private static func nibbles(_ reader: inout ByteReader, _ count: Int) throws(DecodeError) -> [UInt8] {
        try reader.read(count).flatMap { [$0 >> 4, $0 & 0x0F] }
    }

    /// Nibbles read as decimal digits (a non-BCD nibble still counts as its value, never traps).
    private static func number(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { $0 &* 10 &+ Int($1) }
    }
}
