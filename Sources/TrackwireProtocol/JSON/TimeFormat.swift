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
}
