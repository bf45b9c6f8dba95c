import Foundation
import Testing
import TrackwireProtocol

@Suite struct TimeFormatTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (1_714_564_800_250, "2024-05-01T12:00:00.250Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (4_102_444_799_999, "2099-12-31T23:59:59.999Z"),
    ])
    func iso_isExactToTheMillisecond(ms: Int64, text: String) {
        #expect(TimeFormat.iso(ms: ms) == text)
        #expect(TimeFormat.parseMs(text) == ms)
    }

    /// From 1600 on: before the Gregorian reform Foundation switches to the Julian calendar, while
    /// ISO 8601 (and this formatter) stays proleptic Gregorian.
    @Test func iso_agreesWithFoundationFrom1600To9999() {
        var generator = SystemRandomNumberGenerator()
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for _ in 0..<20_000 {
            // 1600-01-01 ... 9999-12-31, whole milliseconds.
            let ms = Int64.random(in: -11_676_096_000_000...253_402_300_799_999, using: &generator)
            let expected = style.format(Date(timeIntervalSince1970: Double(ms / 1000) + (ms % 1000 < 0 ? -1 : 0)))
            #expect(TimeFormat.iso(ms: ms).prefix(19) == expected.prefix(19), "\(ms)")
            #expect(TimeFormat.parseMs(TimeFormat.iso(ms: ms)) == ms, "\(ms)")
        }
        #expect(TimeFormat.iso(ms: 253_402_300_800_000) == "+10000-01-01T00:00:00.000Z")
    }

    @Test(arguments: [
        ("1714564800250", Int64(1_714_564_800_250)),
        ("2024-05-01T12:00:00Z", 1_714_564_800_000),
        ("2024-05-01T14:00:00+02:00", 1_714_564_800_000),
        ("2024-05-01T12:00:00.5Z", 1_714_564_800_500),
        ("2024-05-01T12:00:00.123456789Z", 1_714_564_800_123),
        ("2024-05-01T12:00:00.0005Z", 1_714_564_800_001),
        ("2024-02-29T23:59:59-23:59", 1_709_337_539_000),
        ("0000-01-01T00:00:00Z", -62_167_219_200_000),
        ("-999999999999999", -999_999_999_999_999),
    ])
    func parseMs_acceptsUnixMillisecondsAndISO8601(text: String, ms: Int64) {
        #expect(TimeFormat.parseMs(text) == ms)
    }

    @Test(arguments: ["yesterday", "2024-05-01", "2024-13-01T00:00:00Z", "12.5", "", "+5", "1234567890123456",
                      "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z", "2024-05-01t12:00:00z", "2024-05-01T12:00:60Z",
                      "2024-05-01T12:00:00.1234567890Z", "2024-05-01T12:00:00+0200", "2024-05-01T12:00:00", "2024-05-01T12:00:00Z\n"])
    func parseMs_rejectsAnythingElse(text: String) {
        #expect(TimeFormat.parseMs(text) == nil)
    }

    /// `parseMs` reads what the published patterns match, no more (the calendar check aside).
    @Test(arguments: ["1714564800250", "-1", "2024-05-01T12:00:00Z", "2024-05-01T12:00:00.25+02:00", "+5", "2024-05-01t12:00:00Z",
                      "2024-05-01T24:00:00Z", "2024-05-01T12:00:00.Z", "2024-05-01 12:00:00Z", "1e3"])
    func parseMs_agreesWithThePatterns(text: String) {
        let matches = [TimeFormat.unixMsPattern, TimeFormat.dateTimePattern].contains { text.range(of: $0, options: .regularExpression) != nil }
        #expect(matches == (TimeFormat.parseMs(text) != nil), "\(text)")
    }
}
