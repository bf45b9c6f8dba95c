import Testing
@testable import Storage

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

    @Test(arguments: [
        ("1714564800250", Int64(1_714_564_800_250)),
        ("2024-05-01T12:00:00Z", 1_714_564_800_000),
        ("2024-05-01T14:00:00+02:00", 1_714_564_800_000),
        ("2024-05-01T12:00:00.5Z", 1_714_564_800_500),
    ])
    func parseMs_acceptsUnixMillisecondsAndISO8601(text: String, ms: Int64) {
        #expect(TimeFormat.parseMs(text) == ms)
    }

    @Test(arguments: ["yesterday", "2024-05-01", "2024-13-01T00:00:00Z", "12.5", ""])
    func parseMs_rejectsAnythingElse(text: String) {
        #expect(TimeFormat.parseMs(text) == nil)
    }
}
