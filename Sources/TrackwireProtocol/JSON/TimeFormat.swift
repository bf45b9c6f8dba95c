import Foundation

/// Times in Trackwire's JSON: ISO 8601 UTC with milliseconds on output; ISO 8601 (any offset,
/// optional fraction) or unix milliseconds on input.
public enum TimeFormat {
    /// `2024-05-01T12:00:00.250Z` for a unix-ms time, exact to the millisecond. Integer
    /// arithmetic only (`CivilTime`): push renders this for every position. Years outside
    /// 0000...9999 get ISO 8601's expanded form (`+10000-01-01T...`, `-0001-...`).
    public static func iso(ms: Int64) -> String {
        let time = CivilTime.components(ms)
        let year = time.year
        var text = year >= 0 && year <= 9999 ? "" : (year < 0 ? "-" : "+")
        text.reserveCapacity(24)
        let digits = String(year.magnitude)
        if digits.count < 4 { text += String(repeating: "0", count: 4 - digits.count) }
        text += digits
        return String(unsafeUninitializedCapacity: text.utf8.count + 20) { buffer in
            var at = 0
            for byte in text.utf8 { buffer[at] = byte; at += 1 }
            func put(_ value: Int, _ width: Int, after separator: UInt8) {
                buffer[at] = separator
                at += 1
                var remaining = value
                for offset in (0..<width).reversed() {
                    buffer[at + offset] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                }
                at += width
            }
            put(time.month, 2, after: UInt8(ascii: "-"))
            put(time.day, 2, after: UInt8(ascii: "-"))
            put(time.hour, 2, after: UInt8(ascii: "T"))
            put(time.minute, 2, after: UInt8(ascii: ":"))
            put(time.second, 2, after: UInt8(ascii: ":"))
            put(time.millisecond, 3, after: UInt8(ascii: "."))
            buffer[at] = UInt8(ascii: "Z")
            return at + 1
        }
    }

    /// Unix ms from `1714564800250` (`-?[0-9]{1,15}`) or an RFC 3339 date-time
    /// (`2024-05-01T12:00:00Z`, `2024-05-01T14:00:00.25+02:00`: upper-case `T` and `Z`, seconds
    /// 00...59, at most 9 fraction digits, rounded to the millisecond, a day that exists in its
    /// month); `nil` for anything else. Exactly `unixMsPattern` or `dateTimePattern`, which the
    /// OpenAPI document publishes, plus the calendar check its `format: date-time` stands for.
    public static func parseMs(_ text: some StringProtocol) -> Int64? {
        let bytes = Array(text.utf8)
        if let first = bytes.first, first == UInt8(ascii: "-") || isDigit(first) {
            let digits = first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
            if (1...15).contains(digits.count), digits.allSatisfy(isDigit) { return Int64(String(decoding: bytes, as: UTF8.self)) }
        }
        return parseDateTime(bytes)
    }

    /// Unix milliseconds as `parseMs` reads them.
    public static let unixMsPattern = "^-?[0-9]{1,15}$"

    /// The date-times `parseMs` reads (the calendar check aside).
    public static let dateTimePattern =
        "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func parseDateTime(_ bytes: [UInt8]) -> Int64? {
        var at = 0
        func number(_ width: Int, in range: ClosedRange<Int>) -> Int? {
            guard at + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[at..<(at + width)] {
                guard isDigit(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            at += width
            return range.contains(value) ? value : nil
        }
        func literal(_ character: Character) -> Bool {
            guard at < bytes.count, bytes[at] == character.asciiValue else { return false }
            at += 1
            return true
        }
        guard let year = number(4, in: 0...9999), literal("-"), let month = number(2, in: 1...12), literal("-"),
              let day = number(2, in: 1...31), literal("T"), let hour = number(2, in: 0...23), literal(":"),
              let minute = number(2, in: 0...59), literal(":"), let second = number(2, in: 0...59) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= monthDays[month - 1] else { return nil }
        var fractionMs = 0
        if literal(".") {
            let start = at
            while at < bytes.count, isDigit(bytes[at]) { at += 1 }
            let digits = bytes[start..<at].map { Int($0 - UInt8(ascii: "0")) }
            guard (1...9).contains(digits.count) else { return nil }
            let padded = digits + [0, 0, 0, 0]
            fractionMs = padded[0] * 100 + padded[1] * 10 + padded[2] + (padded[3] >= 5 ? 1 : 0)
        }
        var offsetMinutes = 0
        if !literal("Z") {
            guard at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") else { return nil }
            let sign = bytes[at] == UInt8(ascii: "-") ? -1 : 1
            at += 1
            guard let offsetHour = number(2, in: 0...23), literal(":"), let offsetMinute = number(2, in: 0...59) else { return nil }
            offsetMinutes = sign * (offsetHour * 60 + offsetMinute)
        }
        guard at == bytes.count else { return nil }
        let days = CivilTime.days(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(fractionMs)
    }
}
