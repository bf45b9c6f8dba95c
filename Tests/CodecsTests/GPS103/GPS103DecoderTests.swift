import Testing
import Codecs
import TestSupport
import TrackwireProtocol

@Suite struct GPS103DecoderTests {
    let codec = GPS103Codec()

    @Test(arguments: [
        // local stamp, UTC time of day, expected UTC (y, m, d, h, min, s)
        ("1510270259", "235957.000", (2015, 10, 26, 23, 59, 57)),  // UTC+3, a day behind locally
        ("1510262059", "235957.000", (2015, 10, 26, 23, 59, 57)),  // UTC−3
        ("1510262359", "000059.000", (2015, 10, 27, 0, 0, 59)),    // UTC−0:01 across midnight
        ("1510271929", "135957.000", (2015, 10, 27, 13, 59, 57)),  // UTC+5:30
    ])
    func localStamp_isCorrectedToUtcWithTheUtcField(_ local: String, _ utc: String, _ expected: (Int, Int, Int, Int, Int, Int)) throws {
        let line = "imei:359710049092324,tracker,\(local),,F,\(utc),A,2429.5156,N,04424.5828,E,0.01,27.91,,0,0,,,;"
        let position = try #require(try codec.decode(Array(line.utf8), context: DecodeContext()).positions.first)
        #expect(position.fixTimeMs == UTCTime.milliseconds(
            year: expected.0, month: expected.1, day: expected.2, hour: expected.3, minute: expected.4, second: expected.5))
    }

    @Test func speed_isKnotsConvertedToKmh() throws {
        let line = "imei:1,tracker,1301080525,,F,212511.000,A,2228.5279,S,06855.6328,W,10.00,268.98,"
        let position = try #require(try codec.decode(Array(line.utf8), context: DecodeContext()).positions.first)
        #expect(abs(position.speedKmh - 18.52) < 1e-9)
    }

    @Test func loginHeartbeatAndSos_getTheirReplies() {
        #expect(codec.examine(Array("##,imei:359586015829802,A;".utf8), context: SessionContext()).reply == Array("LOAD".utf8))
        let heartbeat = codec.examine(Array("359586015829802;".utf8), context: SessionContext())
        #expect(heartbeat.reply == Array("ON".utf8) && heartbeat.deviceId == "359586015829802")
        let sos = "imei:359586015829802,help me,0809231429,13554900601,F,062947.294,A,2234.4026,N,11354.3277,E,0.00,;"
        #expect(codec.examine(Array(sos.utf8), context: SessionContext()).reply == Array("**,imei:359586015829802,E;".utf8))
    }

    @Test func rfidKeyword_setsTheDriverId() throws {
        let line = "imei:1,rfid,1301080525,0012345678,F,212511.000,A,2228.5279,S,06855.6328,W,0.00,0;"
        let position = try #require(try codec.decode(Array(line.utf8), context: DecodeContext()).positions.first)
        #expect(position.attributes["driverUniqueId"] == .string("0012345678"))
    }

    @Test(arguments: [("30", "30s"), ("300", "05m"), ("3600", "01h"), ("7200", "02h"), ("59", "59s")])
    func periodicInterval_isWrittenInWholeUnits(_ seconds: String, _ expected: String) throws {
        #expect(try encode("position_periodic", params: ["frequency": seconds]) == "**,imei:123456789012345,C,\(expected)")
    }

    @Test(arguments: [
        ("position_single", "B"), ("position_stop", "D"), ("engine_stop", "J"), ("engine_resume", "K"),
        ("alarm_arm", "L"), ("alarm_disarm", "M"), ("request_photo", "160"),
    ])
    func command_isTheDocumentedCode(_ type: String, _ code: String) throws {
        #expect(try encode(type) == "**,imei:123456789012345,\(code)")
    }

    @Test func unknownCommand_isRefused() {
        #expect(throws: CommandError.self) { try encode("reboot") }
    }

    private func encode(_ type: String, params: [String: String] = [:]) throws -> String {
        var command = Command()
        command.type = type
        command.params = params
        return String(decoding: try codec.encode(command, context: SessionContext(deviceId: "123456789012345")), as: UTF8.self)
    }
}
