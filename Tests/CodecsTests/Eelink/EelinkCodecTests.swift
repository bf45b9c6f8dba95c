import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Eelink: the ack of each packet type over TCP and UDP, identification by login and envelope,
/// the old and new report layouts, command replies, and 0x80 commands.
@Suite struct EelinkCodecTests {
    let codec = EelinkCodec()
    static let device = "352544071750518"
    static func capture(_ line: Int) -> [UInt8] { Captures.more[line - 1].bytes }
    func decode(_ frame: [UInt8], deviceId: String? = device, transport: Transport = .tcp) throws -> Decoded {
        try codec.decode(frame, context: DecodeContext(deviceId: deviceId, transport: transport, receivedAtMs: 1_700_000_000_000))
    }
    func examine(_ frame: [UInt8], transport: Transport = .tcp, atMs: Int64 = 0) -> Examination {
        codec.examine(frame, context: SessionContext(transport: transport, receivedAtMs: atMs))
    }

    @Test func login_namesTheIMEI_andIsAnsweredWithTheServerTime() throws {
        let examination = examine(Self.capture(208), atMs: 1_700_000_000_123)
        #expect(examination.deviceId == Self.device && !examination.storesData && examination.problem == nil)
        #expect(examination.reply.map(Hex.encode) == "676701" + "0009" + "007b" + "6553f100" + "0001" + "00")
        #expect(try decode(Self.capture(208), deviceId: nil) == Decoded(kind: .login, deviceId: Self.device))
    }

    @Test func heartbeat_isEchoedWithItsSerial_andReportsTheStatusWord() throws {
        #expect(examine(Self.capture(212)).reply.map(Hex.encode) == "676703" + "0002" + "0021")
        let decoded = try decode(Self.capture(212))
        let position = try #require(decoded.positions.first)
        #expect(decoded.kind == .heartbeat && !position.valid && position.latitude == 0 && position.fixTimeMs == 1_700_000_000_000)
        #expect(position.attributes["status"] == .int(0x006E) && position.attributes["ignition"] == .bool(true))
    }

    @Test func oldGPSReports_getNoReply_andDecodeTheirFix() throws {
        #expect(examine(Self.capture(211)).reply == nil)
        let position = try #require(try decode(Self.capture(211)).positions.first)
        #expect(position.fixTimeMs == 0x59AE_7387 * 1000 && position.valid)
        #expect(abs(position.latitude - Double(Int32(bitPattern: 0xFCD3_60D6)) / 1_800_000) < 1e-9)
        #expect(abs(position.longitude - Double(0x0343_32B2) / 1_800_000) < 1e-9)
        #expect(position.attributes["index"] == .int(0x02B2))
    }

    @Test func newNormalReport_decodesFixStatusAndSensors() throws {
        let position = try #require(try decode(Self.capture(217)).positions.first)
        #expect(position.fixTimeMs == 0x5784_CC0B * 1000 && position.valid && position.satellites > 0)
        #expect(position.attributes["battery"] != nil && position.attributes["status"] != nil)
        #expect(try decode(Self.capture(204)).positions.first?.attributes["temp2"] == .double(28.75))
        #expect(try decode(Self.capture(203)).positions.first?.attributes["temp2"] == .double(-50))
    }

    @Test func warning_raisesItsAlarmAsAnEvent() throws {
        let decoded = try decode(Self.capture(218))
        #expect(decoded.kind == .alarm && decoded.positions.first?.attributes["alarm"] == .string("sos"))
        #expect(decoded.events.count == 1 && decoded.events.first?.kind == .alarm)
    }

    @Test func commandReplyText_isAPositionWhenItNamesAFix_elseAResult() throws {
        let position = try #require(try decode(Self.capture(206)).positions.first)
        #expect(abs(position.latitude - 23.111743) < 1e-9 && abs(position.longitude - 114.409238) < 1e-9 && position.valid)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2015, month: 9, day: 13, hour: 20, minute: 21, second: 20))
        #expect(abs(position.speedKmh - 0.17) < 1e-9)
        let reply = EelinkTestFrames.packet(0x80, serial: 1, content: [0x01, 0, 0, 0, 0] + Array("RELAY,1:OK".utf8))
        let result = try decode(reply)
        #expect(result.kind == .commandReply && result.events.first?.attributes["result"] == .string("RELAY,1:OK"))
    }

    @Test func datagrams_nameTheDevice_andTheirAcksComeBackWrappedForIt() throws {
        let examination = examine(Self.capture(207), transport: .udp)
        #expect(examination.deviceId == "352544071677471" && examination.problem == nil)
        let reply = try #require(examination.reply)
        #expect(Hex.encode(reply).hasSuffix("0352544071677471" + "676712" + "0002" + "0021"))
        #expect(codec.examine(reply, context: SessionContext(transport: .udp)).problem == nil, "the reply's envelope checks out")
        #expect(try decode(Self.capture(207), deviceId: nil, transport: .udp).positions.count == 1)
    }

    @Test func datagram_withAWrongChecksumOrLength_isFlagged() {
        var frame = Self.capture(207)
        frame[5] ^= 0xFF
        #expect(examine(frame, transport: .udp).problem == "bad_checksum")
        #expect(examine(Array(frame.dropLast()), transport: .udp).problem == "bad_length")
    }

    @Test func packetsBeforeTheLogin_areUnidentified_andUnknownTypesUnsupported() {
        #expect((#expect(throws: DecodeError.self) { try decode(Self.capture(211), deviceId: nil) })?.errorType == "unidentified")
        let camera = EelinkTestFrames.packet(0x1E, serial: 2, content: [1, 2, 3])
        #expect((#expect(throws: DecodeError.self) { try decode(camera) })?.errorType == "unsupported")
    }

    @Test func commands_areTextPackets_wrappedForTheIMEIOverUDP() throws {
        func encode(_ type: String, text: String = "", transport: Transport = .tcp) throws -> String {
            let command = Command.with { $0.type = type; $0.text = text }
            return Hex.encode(try codec.encode(command, context: SessionContext(deviceId: "123456789012345", transport: transport)))
        }
        #expect(try encode("engine_stop") == "676780000f0000010000000052454c41592c3123")
        #expect(try encode("position_single") == EelinkTestFrames.hex(0x80, content: [1, 0, 0, 0, 0] + Array("WHERE#".utf8)))
        #expect(try encode("engine_stop", transport: .udp) == "454c001eb41a0123456789012345676780000f0000010000000052454c41592c3123")
        #expect(try encode("custom", text: "STATUS#").hasSuffix(Hex.encode(Array("STATUS#".utf8))))
        #expect(throws: CommandError.self) { try encode("custom") }
        #expect(throws: CommandError.self) { try encode("alarm_arm") }
    }

    @Test func hammer_neverCrashes() {
        #expect(CodecRobustness.hammer(codec, seeds: Captures.of("eelink").map(\.bytes), cases: CodecRobustness.caseCount(default: 50_000)) > 0)
    }
}

/// Eelink packets built in tests.
enum EelinkTestFrames {
    static func packet(_ type: UInt8, serial: UInt16, content: [UInt8]) -> [UInt8] {
        [0x67, 0x67, type, UInt8((content.count + 2) >> 8), UInt8((content.count + 2) & 0xFF), UInt8(serial >> 8), UInt8(serial & 0xFF)] + content
    }

    static func hex(_ type: UInt8, content: [UInt8]) -> String { Hex.encode(packet(type, serial: 0, content: content)) }
}
