import Testing
import Codecs
import TestSupport
import TrackwireProtocol

@Suite struct TK103DecoderTests {
    let codec = TK103Codec()

    @Test func commaForm_readsTheDateDayFirst() throws {
        let position = try decode("(352606090042050,BP05,240414,A,4527.3513N,00909.9758E,4.80,112825,155.49)")
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2014, month: 4, day: 24, hour: 11, minute: 28, second: 25))
        #expect(abs(position.speedKmh - 4.8) < 1e-9 && position.courseDeg == 155.49)
    }

    @Test func alarmWhoseDateReadsMonth18_rollsOverIntoTheNextYear_asTraccarsCalendarDoes() throws {
        let position = try decode("(012345678901BO012151825A2300.0957N07235.2748E032.412092187.58001100166L000D9779)")
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2016, month: 6, day: 25, hour: 12, minute: 9, second: 21))
        #expect(position.attributes["alarm"] == .string("sos"))
    }

    @Test func fixedForm_readsTheDateYearFirst_andTheIoBlock() throws {
        let position = try decode("(088047365460BR00151024A2555.3531S02855.3329E004.7055148276.1701000000L00009AA3)")
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2015, month: 10, day: 24, hour: 5, minute: 51, second: 48))
        #expect(position.attributes["charge"] == .bool(true) && position.attributes["ignition"] == .bool(true))
        #expect(position.attributes["odometer"] == .int(0x9AA3))
    }

    @Test func speedOption_convertsOtherUnits() throws {
        let frame = Array("(088047365460BR00151024A2555.3531S02855.3329E010.0055148276.1701000000L00009AA3)".utf8)
        let decoded = try codec.decode(frame, context: DecodeContext(options: ["speed": "kn"]))
        #expect(abs((decoded.positions.first?.speedKmh ?? 0) - 18.52) < 1e-9)
    }

    @Test(arguments: [("0", "lowBattery"), ("1", "overspeed"), ("2", "idle"), ("3", "hardAcceleration"), ("4", "hardBraking"), ("5", "temperature")])
    func bq81Alert_isTheTraccarAlarm(_ code: String, _ alarm: String) throws {
        let position = try decode("(044027395704BQ81,ALARM,\(code),164,151101A2238.5237N11349.4571E0.7031241010.0000,00000000)")
        #expect(position.attributes["alarm"] == .string(alarm))
    }

    @Test func replies_followTraccarsFixedOffsets() {
        #expect(codec.examine(Array("(087073005534BP00HSO)".utf8), context: SessionContext()).reply == Array("(087073005534AP01HSO)".utf8))
        let comma = codec.examine(Array("(864768010009188,BP05,271114,V,4012.19376N,00824.05638E,000.0,154436,000.0)".utf8),
                                  context: SessionContext())
        #expect(comma.reply == nil && comma.deviceId == "864768010009188")
    }

    @Test func handshake_isALoginWithoutPositions() throws {
        let decoded = try codec.decode(Array("(090411121854BP0000001234567890HSO)".utf8), context: DecodeContext())
        #expect(decoded.kind == .login && decoded.deviceId == "090411121854" && decoded.positions.isEmpty)
    }

    private func decode(_ text: String) throws -> Position {
        try #require(try codec.decode(Array(text.utf8), context: DecodeContext()).positions.first)
    }
}
