import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// ATrack: acks and keep-alives, binary and text records with their options, `$` lines, custom
/// data and the custom command.
@Suite struct AtrackCodecTests {
    let codec = AtrackCodec()
    static func capture(_ line: Int) -> [UInt8] { Captures.more[line - 1].bytes }
    func decode(_ line: Int, options: [String: String] = [:], deviceId: String? = nil) throws -> Decoded {
        try codec.decode(Self.capture(line), context: DecodeContext(deviceId: deviceId, options: options, receivedAtMs: 1_700_000_000_000))
    }

    @Test func binaryReport_isAckedWithUnitAndSequence_andDecodesTheDocumentedRecord() throws {
        let examination = codec.examine(Self.capture(245), context: SessionContext())
        #expect(examination.reply.map(Hex.encode) == "fe0200014104d8f1968201e0" && examination.deviceId == "352964052096642" && examination.problem == nil)
        let position = try #require(try decode(245).positions.first)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2013, month: 10, day: 16, hour: 17, minute: 31, second: 9) && position.valid)
        #expect(abs(position.latitude - 40.547543) < 1e-9 && abs(position.longitude + 3.635179) < 1e-9)
        #expect(position.attributes["type"] == .int(2) && position.attributes["odometer"] == .int(416_400) && position.speedKmh == 11)
    }

    @Test func keepAlive_isEchoedAndStoresNothing() throws {
        let keepAlive = Self.capture(242)
        let examination = codec.examine(keepAlive, context: SessionContext())
        #expect(examination.reply == keepAlive && !examination.storesData)
        #expect(try decode(242).kind == .heartbeat)
    }

    @Test func textReport_isAckedWithItsLengthForTheUnitId() throws {
        let examination = codec.examine(Self.capture(228), context: SessionContext())
        #expect(examination.reply.map(Hex.encode) == "fe02" + "0000000000000079" + "9863" && examination.problem == "bad_crc")
        let position = try #require(try decode(228).positions.first)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2018, month: 4, day: 12, hour: 14, minute: 35, second: 13))
        #expect(abs(position.latitude - 48.1787) < 1e-9 && abs(position.longitude - 16.423389) < 1e-9 && position.attributes["odometer"] == .double(650))
    }

    @Test func brokenIntegrity_isReported() {
        var binary = Self.capture(245)
        binary[20] ^= 0x01
        #expect(codec.examine(binary, context: SessionContext()).problem == "bad_crc")
        #expect(codec.examine(Self.capture(246), context: SessionContext()).problem == "bad_length")
    }

    @Test func fuelMessage_longDate_andCustomData() throws {
        #expect(try decode(230).positions.first?.attributes["fuelLevel"] == .double(230.5))
        let long = try #require(try decode(232, options: ["LongDate": "true"]).positions.first)
        #expect(long.fixTimeMs == UTCTime.milliseconds(year: 2014, month: 1, day: 27, hour: 11, minute: 31, second: 3))
        let custom = try decode(241, options: ["Custom": "true"]).positions
        #expect(custom.count == 2 && custom.allSatisfy { $0.satellites == 9 && $0.attributes["power"] != nil })
        let beacon = try decode(249, options: ["Custom": "true", "Form": "%BC", "FrameMask": "1"]).positions
        #expect(beacon.count == 6 && beacon.first?.attributes["tag1Temp"] == .double(23.49))
    }

    @Test func dollarLines_reportTheDeviceOrAnswerACommand() throws {
        let info = try decode(231)
        #expect(info.deviceId == "358683066267395" && info.positions.first?.attributes["power"] == .double(14.4))
        let error = try decode(247, deviceId: "42")
        #expect(error.kind == .commandReply && error.events.first?.attributes["result"] == .string("$ERROR=101"))
        #expect((#expect(throws: DecodeError.self) { try decode(247) })?.errorType == "unidentified")
    }

    @Test func custom_isTheOnlyCommand_sentAsALine() throws {
        let command = Command.with { $0.type = "custom"; $0.text = "$INFO" }
        #expect(try codec.encode(command, context: SessionContext()) == Array("$INFO\r\n".utf8))
        #expect(throws: CommandError.self) { try codec.encode(Command.with { $0.type = "engine_stop" }, context: SessionContext()) }
    }

    @Test func hammer_neverCrashes() {
        #expect(CodecRobustness.hammer(codec, seeds: Captures.of("atrack").map(\.bytes), cases: CodecRobustness.caseCount(default: 50_000)) > 0)
    }
}
