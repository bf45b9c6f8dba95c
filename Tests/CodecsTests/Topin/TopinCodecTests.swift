import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Topin replies per message type and decoding of the GPS layouts, on real captures.
@Suite struct TopinCodecTests {
    let codec = TopinCodec()
    let session = DecodeContext(deviceId: "359339075416963", receivedAtMs: 1_700_000_000_000)

    static func hex(_ text: String) -> [UInt8] { Hex.decode(text)! }

    @Test func login_namesTheIMEI_andIsAnsweredWithTheAckThenTheServersTime() throws {
        let login = Self.hex("78780d0103593390754169634d0d0a")
        let examination = codec.examine(login, context: SessionContext(receivedAtMs: 1_700_000_000_000))
        #expect(examination.deviceId == "359339075416963" && !examination.storesData)
        #expect(examination.reply == Self.hex("78780d01010d0a") + Self.hex("7878073007e70b0e160d140d0a"))
        #expect(codec.examine(login, context: SessionContext()).reply == Self.hex("78780d01010d0a"))
        #expect(try codec.decode(login, context: DecodeContext()) == Decoded(kind: .login, deviceId: "359339075416963"))
    }

    @Test func gpsReport_isAckedWithItsTime_andDecodesTheGT06Block() throws {
        let frame = Self.hex("78781510120B05030D2498038077200BE2078F0034000102030D0A")
        #expect(codec.examine(frame, context: SessionContext()).reply == Self.hex("78781510120b05030d240d0a"))
        let decoded = try codec.decode(frame, context: session)
        let position = try #require(decoded.positions.first)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2018, month: 11, day: 5, hour: 3, minute: 13, second: 36))
        #expect(abs(position.latitude - 32.639307) < 1e-6 && abs(position.longitude - 110.756915) < 1e-6 && position.valid)
        #expect(position.satellites == 8 && position.altitudeM == 258 && position.attributes["alarm"] == .string("vibration"))
        #expect(decoded.events.map(\.kind) == [.alarm])
    }

    @Test func gps2Report_readsDegreeByteCoordinates_andGetsNoReply() throws {
        let frame = Self.hex("7878200813081A0733211608C8D1710DED1D1608DFFB710E06D51039050100286489000D0A")
        #expect(codec.examine(frame, context: SessionContext()).reply == nil)
        let position = try #require(try codec.decode(frame, context: session).positions.first)
        #expect(abs(position.latitude - 22.575697) < 1e-6 && abs(position.longitude - 113.912669) < 1e-6)
        #expect(position.speedKmh == 16 && position.courseDeg == 114 && position.satellites == 5)
    }

    @Test func status_isEchoed_andCarriesBatteryAndFirmware() throws {
        let frame = Self.hex("78780713514d0819640d0a")
        #expect(codec.examine(frame, context: SessionContext()).reply == frame)
        let position = try #require(try codec.decode(frame, context: session).positions.first)
        #expect(position.attributes["batteryLevel"] == .int(0x51) && position.attributes["versionFw"] == .int(0x4D))
        #expect(!position.valid && position.attributes["outdated"] == .bool(true))
    }

    @Test func sos_raisesTheAlarm_withoutAReply() throws {
        let frame = Self.hex("787801990D0A")
        #expect(codec.examine(frame, context: SessionContext()).reply == nil)
        #expect(try codec.decode(frame, context: session).events.first?.attributes["alarm"] == .string("sos"))
    }

    @Test func reportBeforeLogin_isUnidentified() {
        let error = #expect(throws: DecodeError.self) { try codec.decode(Self.hex("78780713514d0819640d0a"), context: DecodeContext()) }
        #expect(error?.errorType == "unidentified")
    }

    @Test func sosNumber_isTheOnlyCommand() throws {
        let command = Command.with {
            $0.type = "sos_number"
            $0.params = ["phone": "13533333333"]
        }
        #expect(try codec.encode(command, context: SessionContext()) == Self.hex("78780C4131333533333333333333330D0A"))
        #expect(throws: CommandError.self) { try codec.encode(Command.with { $0.type = "engine_stop" }, context: SessionContext()) }
    }
}
