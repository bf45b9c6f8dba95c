/// Field-level checks and conversions for comma-separated ASCII sentences. Each check states the
/// exact shape a field must have, so a decoder reads only what the protocol allows.
extension TextProto {
    /// Whether `field` is non-empty and all decimal digits (exactly `count` of them when given).
    static func isDigits(_ field: Substring, count: Int? = nil) -> Bool {
        guard !field.isEmpty, count.map({ field.utf8.count == $0 }) ?? true else { return false }
        return field.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// Whether `field` is non-empty and all hexadecimal digits (exactly `count` when given).
    static func isHex(_ field: Substring, count: Int? = nil) -> Bool {
        guard !field.isEmpty, count.map({ field.utf8.count == $0 }) ?? true else { return false }
        return field.utf8.allSatisfy(isHexDigit)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// `d+.?d*`: digits, optionally a point and more digits.
    static func isDecimal(_ field: Substring) -> Bool {
        let parts = field.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return isDigits(parts[0]) && (parts.count == 1 || parts[1].isEmpty || isDigits(parts[1]))
    }

    /// `d+.d+`: digits, a point and digits.
    static func isPointDecimal(_ field: Substring) -> Bool {
        let parts = field.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 && isDigits(parts[0]) && isDigits(parts[1])
    }

    /// `-?d+.?d*`: a decimal with an optional minus sign.
    static func isSignedDecimal(_ field: Substring) -> Bool {
        isDecimal(field.hasPrefix("-") ? field.dropFirst() : field)
    }

    /// A hexadecimal field as an integer, `nil` if it is not hex or does not fit.
    static func hexInt(_ field: Substring) -> Int64? {
        isHex(field) ? Int64(field, radix: 16) : nil
    }

    /// `hhmmss` / `ddmmyy` / `yymmdd`: six digits as three two-digit numbers.
    static func pairs(_ field: Substring) -> (Int, Int, Int)? {
        var utf8 = field.utf8.makeIterator()
        return pairs { utf8.next() }
    }

    /// Six digits pulled from `next` as three two-digit numbers; `nil` unless all six are digits
    /// and nothing follows them.
    static func pairs(_ next: () -> UInt8?) -> (Int, Int, Int)? {
        var values = (0, 0, 0)
        for index in 0..<6 {
            guard let byte = next(), byte >= 0x30, byte <= 0x39 else { return nil }
            let digit = Int(byte &- 0x30)
            switch index / 2 {
            case 0: values.0 = values.0 * 10 + digit
            case 1: values.1 = values.1 * 10 + digit
            default: values.2 = values.2 * 10 + digit
            }
        }
        return next() == nil ? values : nil
    }

    /// Unix ms of a `ddmmyy` date and `hhmmss` time (either may be absent: midnight / `nil`).
    static func milliseconds(dayMonthYear date: Substring, time: Substring?) -> Int64? {
        guard let (day, month, year) = pairs(date) else { return nil }
        let (hour, minute, second) = time.flatMap(pairs) ?? (0, 0, 0)
        return UTCTime.milliseconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// NMEA `d*dd.d+` (degrees and minutes) with its hemisphere letter, which must be one of
    /// `allowed` (`NS` or `EW`). `nil` when either part has the wrong shape.
    static func nmeaDegrees(_ field: Substring, hemisphere: Substring, allowed: String) -> Double? {
        guard hemisphere.count == 1, let letter = hemisphere.first, allowed.contains(letter) else { return nil }
        let parts = field.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count >= 2, isDigits(parts[0]), isDigits(parts[1]) else { return nil }
        return Coordinates.degrees(nmea: field, hemisphere: letter)
    }

    /// `value` as a zero-padded decimal of `width` digits (wider values are written whole).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// `yyyyMMddHHmmss` (or `HHmmss` with `timeOnly`) for unix ms, in UTC.
    static func stamp(_ ms: Int64, timeOnly: Bool = false) -> String {
        let c = UTCTime.components(ms)
        let time = padded(c.hour, 2) + padded(c.minute, 2) + padded(c.second, 2)
        return timeOnly ? time : padded(c.year, 4) + padded(c.month, 2) + padded(c.day, 2) + time
    }

    /// `field` without leading and trailing spaces.
    static func trimSpaces(_ field: Substring) -> Substring {
        guard let start = field.firstIndex(where: { $0 != " " }),
              let end = field.lastIndex(where: { $0 != " " }) else { return "" }
        return field[start...end]
    }
}

extension TextProto {
    /// The index where `needle` first occurs in `haystack`, searching bytes (no String work).
    static func firstIndex(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index <= haystack.endIndex - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// The decimal digits at the start of `bytes`, as text.
    static func leadingDigits(_ bytes: ArraySlice<UInt8>) -> String {
        text(bytes.prefix { $0 >= 0x30 && $0 <= 0x39 })
    }
}
