import Testing
import Codecs
import TestSupport
import TrackwireProtocol

@Suite struct H02DecoderTests {
    let codec = H02Codec()
    let context = DecodeContext(receivedAtMs: 1_761_955_210_000)  // 2025-11-01 00:00:10 UTC

    @Test func binaryReport_decodesTheDocumentedExample() throws {
        let frame = Hex.decode("24 4106011660 124543 131116 50353130 06 004318210e 000000 fffffbff ff0024")!
        let position = try #require(try codec.decode(frame, context: context).positions.first)
        #expect(position.deviceID == "4106011660")
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2016, month: 11, day: 13, hour: 12, minute: 45, second: 43))
        #expect(abs(position.latitude - (50 + 35.3130 / 60)) < 1e-9)
        #expect(abs(position.longitude - (4 + 31.8210 / 60)) < 1e-9)
        #expect(position.valid && position.speedKmh == 0 && position.courseDeg == 0)
        #expect(position.attributes["batteryLevel"] == .int(100))
        #expect(position.attributes["ignition"] == .bool(false))
    }

    @Test func textSpeed_isKnotsConvertedToKmh() throws {
        let position = try decode("*HQ,1,V1,120000,A,5000.0000,N,01000.0000,E,10.00,90,010125,FFFFFBFF#")
        #expect(abs(position.speedKmh - 18.52) < 1e-9)
        #expect(position.courseDeg == 90)
    }

    @Test func textWithoutDate_takesTheTimeOfDayNearestTheReceiveTime() throws {
        let position = try decode("*HQ,1,V1,235959,A,5000.0000,N,01000.0000,E,0.00,0,,FFFFFBFF#")
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2025, month: 10, day: 31, hour: 23, minute: 59, second: 59))
    }

    @Test(arguments: [
        ("FFFFFBFE", "vibration"), ("FFFFFBFD", "sos"), ("FFFBFBFF", "sos"), ("FFFFFBFB", "overspeed"), ("FFF7FBFF", "powerCut"),
    ])
    func statusWord_reportsTheFirstActiveLowAlarm(_ status: String, _ alarm: String) throws {
        let position = try decode("*HQ,1,V1,120000,A,5000.0000,N,01000.0000,E,0.00,0,010125,\(status)#")
        #expect(position.attributes["alarm"] == .string(alarm))
    }

    @Test func statusWord_ffffFBFF_meansNoAlarmAndIgnitionOff_ffffFFFF_ignitionOn() throws {
        let off = try decode("*HQ,1,V1,120000,A,5000.0000,N,01000.0000,E,0.00,0,010125,FFFFFBFF#")
        #expect(off.attributes["alarm"] == nil)
        #expect(off.attributes["ignition"] == .bool(false))
        #expect(off.attributes["status"] == .int(0xFFFF_FBFF))
        let on = try decode("*HQ,1,V1,120000,A,5000.0000,N,01000.0000,E,0.00,0,010125,FFFFFFFF#")
        #expect(on.attributes["ignition"] == .bool(true))
    }

    @Test func alarm_addsAnAlarmEventWithTheDocumentedId() throws {
        let decoded = try codec.decode(bytes("*HQ,7,V1,120000,A,5000.0000,N,01000.0000,E,0.00,0,010125,FFFFFBFE#"), context: context)
        let event = try #require(decoded.events.first)
        #expect(event.kind == .alarm && event.source == "decoder" && event.deviceID == "7")
        #expect(event.id == "7-alarm-1735732800000-vibration")
        #expect(event.attributes["alarm"] == .string("vibration"))
    }

    @Test func messageWithoutId_onUnidentifiedSession_throwsUnidentified() {
        #expect(throws: DecodeError.self) {
            try codec.decode(bytes("*HQ,,V1,120000,A,5000.0000,N,01000.0000,E,0.00,0,010125,FFFFFBFF#"), context: context)
        }
    }

    @Test func xMarkerFrame_throwsUnsupported() throws {
        let frame = Hex.decode("5800009814991024031101175540227006012321670c000095fffffbffff0033")!
        let error = #expect(throws: DecodeError.self) { try codec.decode(frame, context: context) }
        #expect(error?.errorType == "unsupported")
    }

    private func decode(_ text: String) throws -> Position {
        try #require(try codec.decode(bytes(text), context: context).positions.first)
    }

    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
