import Foundation

/// The `LZ` time-zone value: the zone's standard offset in hours, formatted like Traccar's
/// `DecimalFormat("+#.##;-#.##")` (`+1`, `-1`, `+5.75`).
enum WatchTimezone {
    /// Reference instant for zone rules when a command carries no creation time (2025-01-01).
    private static let defaultReferenceMs: Int64 = 1_735_689_600_000

    /// `zone` is a tz identifier (`Europe/Amsterdam`) or a number of hours (`+5.75`); `atMs` picks
    /// the zone rules in force. `nil` for an unknown zone.
    static func offset(_ zone: String, atMs: Int64) -> String? {
        if let hours = TextNumber.decimal(zone) { return abs(hours) <= 24 ? format(hours: hours) : nil }
        guard let timeZone = TimeZone(identifier: zone) else { return nil }
        let date = Date(timeIntervalSince1970: Double(atMs > 0 ? atMs : defaultReferenceMs) / 1000)
        let standardSeconds = timeZone.secondsFromGMT(for: date) - Int(timeZone.daylightSavingTimeOffset(for: date))
        return format(hours: Double(standardSeconds) / 3600)
    }

    static func format(hours: Double) -> String {
        let hundredths = Int((abs(hours) * 100).rounded())
        var digits = "\(hundredths / 100)"
        let fraction = hundredths % 100
        if fraction != 0 {
            let text = fraction < 10 ? "0\(fraction)" : "\(fraction)"
            digits += "." + (text.hasSuffix("0") ? String(text.dropLast()) : text)
        }
        return (hours < 0 && hundredths != 0 ? "-" : "+") + digits
    }
}
