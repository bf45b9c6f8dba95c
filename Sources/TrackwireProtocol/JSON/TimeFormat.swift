import Foundation

/// Times in Trackwire's JSON: ISO 8601 UTC with milliseconds on output; ISO 8601 (any offset,
/// optional fraction) or unix milliseconds on input.
public enum TimeFormat {
    /// `2024-05-01T12:00:00.250Z` for a unix-ms time, exact to the millisecond. Integer
    /// arithmetic only (Howard Hinnant's civil-from-days): push renders this for every position.
    /// Years outside 0000...9999 get ISO 8601's expanded form (`+10000-01-01T...`, `-0001-...`).
    public static func iso(ms: Int64) -> String {
        let (days, msOfDay) = floorDivision(ms, 86_400_000)
        let (year, month, day) = civil(days: days)
        var text = year >= 0 && year <= 9999 ? "" : (year < 0 ? "-" : "+")
        text.reserveCapacity(24)
        let digits = String(year.magnitude)
        if digits.count < 4 { text += String(repeating: "0", count: 4 - digits.count) }
        text += digits
        return String(unsafeUninitializedCapacity: text.utf8.count + 20) { buffer in
            var at = 0
            for byte in text.utf8 { buffer[at] = byte; at += 1 }
            func put(_ value: Int64, _ width: Int, after separator: UInt8) {
                buffer[at] = separator
                at += 1
                var remaining = value
                for offset in (0..<width).reversed() {
                    buffer[at + offset] = UInt8(ascii: "0") + UInt8(remaining % 10)
                    remaining /= 10
                }
                at += width
            }
            put(month, 2, after: UInt8(ascii: "-"))
            put(day, 2, after: UInt8(ascii: "-"))
            put(msOfDay / 3_600_000, 2, after: UInt8(ascii: "T"))
            put(msOfDay / 60_000 % 60, 2, after: UInt8(ascii: ":"))
            put(msOfDay / 1000 % 60, 2, after: UInt8(ascii: ":"))
            put(msOfDay % 1000, 3, after: UInt8(ascii: "."))
            buffer[at] = UInt8(ascii: "Z")
            return at + 1
        }
    }

    /// Unix ms from `1714564800250` or an ISO 8601 date-time; `nil` for anything else.
    public static func parseMs(_ text: some StringProtocol) -> Int64? {
        if let ms = Int64(text) { return ms }
        let string = String(text)
        guard let date = (try? wholeSeconds.parse(string)) ?? (try? fractionalSeconds.parse(string)) else { return nil }
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        return ms.magnitude < 1e15 ? Int64(ms) : nil
    }

    private static let wholeSeconds = Date.ISO8601FormatStyle()
    private static let fractionalSeconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Quotient rounded towards minus infinity, and the non-negative remainder.
    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// Year, month and day of the proleptic Gregorian calendar for days since 1970-01-01.
    private static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
