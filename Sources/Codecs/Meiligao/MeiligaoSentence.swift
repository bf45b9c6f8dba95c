import TrackwireProtocol

/// The NMEA-like position text every Meiligao report carries, read as Traccar's pattern reads it
/// (docs/protocols/meiligao.md "Position text"): before the first `|`,
/// `hhmmss[.sss],A|V,DDMM.MMMM,N|S,DDDMM.MMMM,E|W,[knots],[course],ddmmyy…`; after it, the tail
/// `MeiligaoTail` reads. Time is UTC; the speed is knots.
enum MeiligaoSentence {
    /// Reads `text` into `position`; `false` when it is no position sentence.
    static func read(_ text: String, into position: inout Position, _ attributes: inout [String: AttributeValue]) -> Bool {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        let fields = parts[0].split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 9, let time = timeOfDay(fields[0]), fields[1] == "A" || fields[1] == "V",
              let latitude = coordinate(fields[2], hemisphere: fields[3], negative: "S", positive: "N"),
              let longitude = coordinate(fields[4], hemisphere: fields[5], negative: "W", positive: "E"),
              MeiligaoText.isOptionalNumber(fields[6]), MeiligaoText.isOptionalNumber(fields[7]),
              let date = MeiligaoText.leadingDigits(fields[8], count: 6),
              let timeMs = UTCTime.milliseconds(year: date[2], month: date[1], day: date[0], hour: time.hour, minute: time.minute, second: time.second)
        else { return false }
        position.fixTimeMs = timeMs
        position.deviceTimeMs = timeMs
        position.valid = fields[1] == "A"
        position.latitude = latitude
        position.longitude = longitude
        position.speedKmh = Speed.kmh(knots: TextNumber.decimal(fields[6]) ?? 0)
        position.courseDeg = TextNumber.decimal(fields[7]) ?? 0
        MeiligaoTail.read(parts.dropFirst(), into: &position, &attributes)
        return true
    }

    /// `(d+)(dd)(dd)` with an optional `.fraction`: the hours take every digit before the last four.
    static func timeOfDay(_ field: Substring) -> (hour: Int, minute: Int, second: Int)? {
        let whole = field.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard (5...12).contains(whole[0].count), MeiligaoText.isDigits(whole[0]), whole.count == 1 || whole[1].allSatisfy(\.isASCIIDigit) else { return nil }
        let digits = whole[0]
        return (Int(digits.dropLast(4))!, Int(digits.dropFirst(digits.count - 4).prefix(2))!, Int(digits.suffix(2))!)
    }

    /// `(d+)(dd.d+)`: degrees, then two digits of minutes and their fraction; the hemisphere's sign.
    static func coordinate(_ field: Substring, hemisphere: Substring, negative: String, positive: String) -> Double? {
        guard hemisphere == negative || hemisphere == positive, MeiligaoText.isDecimal(field),
              let dot = field.firstIndex(of: "."), field.distance(from: field.startIndex, to: dot) >= 3,
              let degrees = Double(field[..<dot].dropLast(2)), let minutes = Double(field[field.index(dot, offsetBy: -2)...]) else { return nil }
        let value = degrees + minutes / 60
        return hemisphere == negative && value != 0 ? -value : value
    }
}

/// The small pieces of Traccar's patterns the Meiligao texts are matched with.
enum MeiligaoText {
    static func isDigits(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy(\.isASCIIDigit) }

    /// `d+.d+`.
    static func isDecimal(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 && isDigits(parts[0]) && isDigits(parts[1])
    }

    /// `(d+.?d*)?`: empty, digits, or digits with a point and optional digits.
    static func isOptionalNumber(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return text.isEmpty || isDigits(parts[0]) && (parts.count == 1 || parts[1].allSatisfy(\.isASCIIDigit))
    }

    /// `n` hex digits exactly.
    static func isHex(_ text: Substring, count: ClosedRange<Int>) -> Bool {
        count.contains(text.count) && text.allSatisfy(\.isHexDigit)
    }

    /// The first `count` characters as two-digit numbers, when they are all digits.
    static func leadingDigits(_ text: Substring, count: Int) -> [Int]? {
        let head = text.prefix(count)
        guard head.count == count, isDigits(head) else { return nil }
        return stride(from: 0, to: count, by: 2).map { Int(head.dropFirst($0).prefix(2))! }
    }
}

extension Character {
    /// `0`-`9` only (not other Unicode digits).
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
