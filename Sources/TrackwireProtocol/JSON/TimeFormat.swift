import Foundation

/// Times in the API: ISO 8601 UTC with milliseconds on output; ISO 8601 (any offset, optional
/// fraction) or unix milliseconds on input.
enum TimeFormat {
    /// `2024-05-01T12:00:00.250Z` for a unix-ms time. Whole seconds go through Foundation (exact as
    /// a double); the milliseconds are appended as integers, so they are never rounded.
    static func iso(ms: Int64) -> String {
        let remainder = ms % 1000
        let (seconds, millis) = remainder < 0 ? (ms / 1000 - 1, remainder + 1000) : (ms / 1000, remainder)
        let whole = wholeSeconds.format(Date(timeIntervalSince1970: Double(seconds)))
        let fraction = String(millis)
        return whole.dropLast() + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "Z"
    }

    private static let wholeSeconds = Date.ISO8601FormatStyle()
    private static let fractionalSeconds = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// Unix ms from `1714564800250` or an ISO 8601 date-time; `nil` for anything else.
    static func parseMs(_ text: some StringProtocol) -> Int64? {
        if let ms = Int64(text) { return ms }
        let string = String(text)
        guard let date = (try? wholeSeconds.parse(string)) ?? (try? fractionalSeconds.parse(string)) else { return nil }
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        return ms.magnitude < 1e15 ? Int64(ms) : nil
    }
}
