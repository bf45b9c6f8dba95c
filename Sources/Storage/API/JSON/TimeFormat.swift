import Foundation

/// Times in the API: ISO 8601 UTC with milliseconds on output; ISO 8601 (any offset, optional
/// fraction) or unix milliseconds on input.
enum TimeFormat {
    /// `2024-05-01T12:00:00.250Z` for a unix-ms time, computed with integer arithmetic so the
    /// milliseconds are exact.
    static func iso(ms: Int64) -> String {
        let (days, msOfDay) = floorDivision(ms, 86_400_000)
        let (year, month, day) = civil(fromDays: days)
        let seconds = msOfDay / 1000
        return String(
            format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ",
            year, month, day, seconds / 3600, seconds / 60 % 60, seconds % 60, msOfDay % 1000
        )
    }

    /// Unix ms from `1714564800250` or an ISO 8601 date-time; `nil` for anything else.
    static func parseMs(_ text: some StringProtocol) -> Int64? {
        if let ms = Int64(text) { return ms }
        let string = String(text)
        let plain = Date.ISO8601FormatStyle()
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let date = (try? plain.parse(string)) ?? (try? fractional.parse(string)) else { return nil }
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        return ms.magnitude < 1e15 ? Int64(ms) : nil
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let remainder = value % divisor
        return remainder < 0 ? (value / divisor - 1, remainder + divisor) : (value / divisor, remainder)
    }

    /// Howard Hinnant's days-from-civil inverse: days since 1970-01-01 → proleptic Gregorian date.
    private static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
