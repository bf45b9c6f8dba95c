import Foundation

/// The text of a 0x80 command reply, which is a position when it reads
/// `Lat:N…,Lon:E…,Course:…,Speed:…,Date Time:yyyy-MM-dd HH:mm:ss` (any separators between the
/// fields, `DateTime:` too), as Traccar's pattern reads it (docs/protocols/eelink.md "Positions").
struct EelinkResultText {
    var latitude: Double
    var longitude: Double
    var courseDeg: Double
    var speedKmh: Double
    var timeMs: Int64

    /// The fix in `text`, or `nil` when the text is an ordinary command result.
    init?(_ text: String) {
        guard let lat = Self.signed(after: "Lat:", in: text, negative: "S"),
              let lon = Self.signed(after: "Lon:", in: text, negative: "W"),
              let course = Self.number(after: "Course:", in: text),
              let speed = Self.number(after: "Speed:", in: text),
              let time = Self.dateTime(in: text) else { return nil }
        (latitude, longitude, courseDeg, speedKmh, timeMs) = (lat, lon, course, speed, time)
    }

    private static func rest(after label: String, in text: String) -> Substring? {
        text.range(of: label).map { text[$0.upperBound...] }
    }

    private static func signed(after label: String, in text: String, negative: Character) -> Double? {
        guard let rest = rest(after: label, in: text), let hemisphere = rest.first, let value = number(rest.dropFirst()) else { return nil }
        return hemisphere == negative ? -value : value
    }

    private static func number(after label: String, in text: String) -> Double? { rest(after: label, in: text).flatMap(number) }

    /// The leading `d+.d+` of `text`.
    private static func number(_ text: Substring) -> Double? {
        let digits = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        return digits.contains(".") ? TextNumber.decimal(digits) : nil
    }

    private static func dateTime(in text: String) -> Int64? {
        guard let rest = rest(after: "Date Time:", in: text) ?? rest(after: "DateTime:", in: text) else { return nil }
        let fields = rest.prefix(19).split(whereSeparator: { "- :".contains($0) }).compactMap { TextNumber.int($0) }
        guard fields.count == 6 else { return nil }
        return UTCTime.milliseconds(year: fields[0], month: fields[1], day: fields[2], hour: fields[3], minute: fields[4], second: fields[5])
    }
}
