/// The time formats OsmAnd clients send, as Traccar reads them.
enum OsmAndTime {
    /// A `timestamp` parameter: an integer below 2^31 is unix seconds, a larger one milliseconds;
    /// text with a `T` is ISO 8601; other text is `yyyy-MM-dd HH:mm:ss`, taken as UTC (Traccar uses
    /// the server's zone, which a codec does not have). `nil` when unreadable.
    static func parseParameter(_ text: String) -> Int64? {
        if let number = Int64(text) {
            return number < Int64(Int32.max) ? number &* 1000 : number
        }
        return text.contains("T") ? parseISO8601(text) : parseDateTime(Array(text.utf8), separator: UInt8(ascii: " "))?.ms
    }

    /// ISO 8601 date-time: `yyyy-MM-ddTHH:mm[:ss[.fff]]` then `Z`, `±HH:mm`, `±HHmm`, `±HH` or
    /// nothing (UTC). `nil` when unreadable.
    static func parseISO8601(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard let (local, end) = parseDateTime(bytes, separator: UInt8(ascii: "T")) else { return nil }
        guard let offsetMinutes = zoneOffset(bytes[end...]) else { return nil }
        return local - Int64(offsetMinutes) * 60_000
    }

    /// `yyyy-MM-dd<sep>HH:mm[:ss[.fraction]]` at the start of `bytes`: UTC ms and where it ended.
    private static func parseDateTime(_ bytes: [UInt8], separator: UInt8) -> (ms: Int64, end: Int)? {
        var cursor = DigitCursor(bytes: bytes)
        guard let year = cursor.number(4), cursor.skip("-"), let month = cursor.number(2), cursor.skip("-"),
              let day = cursor.number(2), cursor.skip(separator), let hour = cursor.number(2), cursor.skip(":"),
              let minute = cursor.number(2) else { return nil }
        var second = 0, millisecond = 0
        if cursor.skip(":") {
            guard let value = cursor.number(2) else { return nil }
            second = value
            if cursor.skip(".") || cursor.skip(",") { millisecond = cursor.fractionMilliseconds() }
        }
        guard let ms = UTCTime.milliseconds(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond
        ) else { return nil }
        return (ms, cursor.index)
    }

    /// Minutes east of UTC for a zone designator; `nil` when it is not one.
    private static func zoneOffset(_ zone: ArraySlice<UInt8>) -> Int? {
        guard let sign = zone.first else { return 0 }
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return zone.count == 1 ? 0 : nil }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let digits = zone.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard [2, 4].contains(digits.count), let value = Int(LenientUTF8.string(digits)) else { return nil }
        let minutes = digits.count == 2 ? value * 60 : value / 100 * 60 + value % 100
        return sign == UInt8(ascii: "-") ? -minutes : minutes
    }
}

/// Reads fixed-width decimal fields from the start of a byte string.
private struct DigitCursor {
    let bytes: [UInt8]
    var index = 0

    /// Exactly `width` digits.
    mutating func number(_ width: Int) -> Int? {
        guard bytes.count - index >= width else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += width
        return value
    }

    /// Consumes `byte` if it is next.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func skip(_ character: Unicode.Scalar) -> Bool { skip(UInt8(ascii: character)) }

    /// A run of fraction digits as milliseconds (extra precision truncated).
    mutating func fractionMilliseconds() -> Int {
        var ms = 0, scale = 100
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
            ms += Int(bytes[index] - 0x30) * scale
            scale /= 10
            index += 1
        }
        return ms
    }
}
