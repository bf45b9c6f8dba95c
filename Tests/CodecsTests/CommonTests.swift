import Codecs
import Testing
import TestSupport

@Suite struct ChecksumsTests {
    @Test func crc16X25_matchesStandardCheckValue() { #expect(Checksums.crc16X25(Array("123456789".utf8)) == 0x906E) }
    @Test func crc16IBM_matchesStandardCheckValue() { #expect(Checksums.crc16IBM(Array("123456789".utf8)) == 0xBB3D) }
    @Test func crc16CCITTFalse_matchesStandardCheckValue() { #expect(Checksums.crc16CCITTFalse(Array("123456789".utf8)) == 0x29B1) }
}

@Suite struct UTCTimeTests {
    @Test func milliseconds_roundTripsThroughComponents() {
        let ms = UTCTime.milliseconds(year: 2025, month: 10, day: 22, hour: 21, minute: 39, second: 45)!
        #expect(ms == 1_761_169_185_000)
        let c = UTCTime.components(ms)
        #expect(c.year == 2025 && c.month == 10 && c.day == 22 && c.hour == 21 && c.minute == 39 && c.second == 45)
    }
    @Test func milliseconds_rollsOutOfRangeFieldsOver_likeALenientCalendar() {
        #expect(UTCTime.milliseconds(year: 2025, month: 13, day: 1) == UTCTime.milliseconds(year: 2026, month: 1, day: 1))
        #expect(UTCTime.milliseconds(year: 15, month: 18, day: 5) == UTCTime.milliseconds(year: 2016, month: 6, day: 5))
        #expect(UTCTime.milliseconds(year: 2024, month: 3, day: 0) == UTCTime.milliseconds(year: 2024, month: 2, day: 29))
        #expect(UTCTime.milliseconds(year: 2024, month: 12, day: 31, hour: 23, minute: 59, second: 60)
            == UTCTime.milliseconds(year: 2025, month: 1, day: 1))
        #expect(UTCTime.milliseconds(year: 2024, month: 1, day: 1, hour: 25) == UTCTime.milliseconds(year: 2024, month: 1, day: 2, hour: 1))
    }

    @Test func milliseconds_refusesTimesOutsideTheDevicesEra() {
        #expect(UTCTime.milliseconds(year: 1969, month: 12, day: 31) == nil)
        #expect(UTCTime.milliseconds(year: 2101, month: 1, day: 1) == nil)
        #expect(UTCTime.milliseconds(year: 2024, month: 1_000_000, day: 1) == nil)
    }
    @Test func nearest_picksYesterdayJustAfterMidnight() {
        let ref = UTCTime.milliseconds(year: 2025, month: 1, day: 2, hour: 0, minute: 5)!
        #expect(UTCTime.nearest(hour: 23, minute: 59, second: 0, to: ref) == UTCTime.milliseconds(year: 2025, month: 1, day: 1, hour: 23, minute: 59)!)
    }
}

@Suite struct CoordinatesTests {
    @Test func nmea_convertsWithHemisphere() {
        #expect(abs(Coordinates.degrees(nmea: "3542.2043", hemisphere: "N")! - 35.703405) < 1e-6)
        #expect(abs(Coordinates.degrees(nmea: "07703.84822", hemisphere: "W")! + 77.064137) < 1e-6)
        #expect(Coordinates.degrees(nmea: "3575.0", hemisphere: "N") == nil)
    }
}

@Suite struct ByteReaderTests {
    @Test func reads_bigEndianAndThrowsWhenShort() throws {
        var reader = ByteReader([0x01, 0x02, 0x03])
        #expect(try reader.u16() == 0x0102)
        #expect(throws: DecodeError.self) { try reader.u16() }
    }
}

@Suite struct CaptureNotesTests {
    @Test func everyNoteIsUnderstood() {
        for capture in Captures.all {
            if case .unknown = capture.expectation.check { Issue.record("note not understood: \(capture)") }
        }
    }
    @Test func exactValuesAreParsed() {
        let withTime = Captures.all.filter { $0.expectation.timeMs != nil }
        #expect(withTime.count == 10)
    }
}
