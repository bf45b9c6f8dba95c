import Codecs
import Foundation
import Testing
import TestSupport
import TrackwireProtocol

/// Meitrack details the captures do not pin down: photo requests, alarms, scaling, commands.
@Suite struct MeitrackCodecTests {
    let codec = MeitrackCodec()

    /// `body` (from `$$` through `*`) with its checksum and CRLF.
    static func frame(_ head: String) -> [UInt8] {
        let bytes = Array(head.utf8)
        return bytes + Array(String(format: "%02X", Checksums.sum8(bytes)).utf8) + [0x0D, 0x0A]
    }

    static func capture(line: Int) -> Capture { Captures.of("meitrack").first { $0.line == line }! }

    @Test func examine_photoTaken_requestsChunkZero() {
        let reply = codec.examine(Self.capture(line: 514).bytes, context: SessionContext()).reply
        #expect(reply == Self.frame("@@O46,353358017784062,D00,camera_picture.jpg,0*"))
    }

    @Test func examine_everyEighthPhotoChunk_requestsTheNextOne() {
        let eighth = Self.frame("$$A44,864507031219974,D00,pic.jpg,14,7,JPEGDATA*")
        #expect(codec.examine(eighth, context: SessionContext()).reply == Self.frame("@@O35,864507031219974,D00,pic.jpg,8*"))
        let seventh = Self.frame("$$A44,864507031219974,D00,pic.jpg,14,6,JPEGDATA*")
        #expect(codec.examine(seventh, context: SessionContext()).reply == nil)
    }

    @Test func decode_sosEvent_setsAlarmAndRaisesEvent() throws {
        let sos = Self.frame("$$]138,012896000475498,AAA,1,-6.138255,106.910545,121205074600,A,5,18,0,0,0,49,3800,24826,510|10|0081|4F4F,0000,0011|0012|0010|0963|0000,,*")
        let decoded = try codec.decode(sos, context: DecodeContext())
        #expect(decoded.kind == .alarm)
        #expect(decoded.positions.first?.attributes["alarm"] == .string("sos"))
        #expect(decoded.events.map(\.id) == ["012896000475498-alarm-1354693560000-sos"])
    }

    @Test func decode_hexAnalog_scalesByModelOverride() throws {
        let capture = Self.capture(line: 516)  // battery|power = A58|432
        let plain = try codec.decode(capture.bytes, context: DecodeContext()).positions[0]
        #expect(CaptureChecks.matches(plain.attributes["battery"], .double(26.48)) && CaptureChecks.matches(plain.attributes["power"], .double(10.74)))
        let mt90 = try codec.decode(capture.bytes, context: DecodeContext(options: ["ModelOverride": "MT90"])).positions[0]
        #expect(mt90.attributes["battery"] == .double(Double(0xA58) * 3.3 * 2 / 4096) && mt90.attributes["power"] == .double(0x432))
    }

    @Test func decode_temperatures_followTheProtocolVersion() throws {
        let signed = try codec.decode(Self.capture(line: 512).bytes, context: DecodeContext()).positions[0]
        #expect(CaptureChecks.matches(signed.attributes["temp1"], .double(27.06)))  // protocol 3: 0A92 signed /100
        let negative = try codec.decode(Self.capture(line: 511).bytes, context: DecodeContext()).positions[0]
        #expect(CaptureChecks.matches(negative.attributes["temp6"], .double(-12.34)))  // FB2E
        let legacy = try codec.decode(Self.capture(line: 513).bytes, context: DecodeContext()).positions[0]
        #expect(CaptureChecks.matches(legacy.attributes["temp0"], .double(18.06)))  // 12 + 06/100
    }

    @Test func decode_photoChunk_isRecognisedWithoutPositions() throws {
        let decoded = try codec.decode(Self.capture(line: 507).bytes, context: DecodeContext())
        #expect(decoded.kind == .other && decoded.positions.isEmpty && decoded.deviceId == "864507031219974")
    }

    @Test func encode_commands_useTraccarsContent() throws {
        func encoded(_ type: String, _ options: [String: String] = [:]) throws -> [UInt8] {
            var command = Command()
            command.type = type
            return try codec.encode(command, context: SessionContext(deviceId: "123456789012345", options: options))
        }
        #expect(try encoded("engine_stop") == Self.frame("@@A33,123456789012345,C01,0,12222*"))
        #expect(try encoded("alarm_arm") == Self.frame("@@A33,123456789012345,C01,0,22122*"))
        #expect(try encoded("alarm_arm", ["Alternative": "true"]) == Self.frame("@@A27,123456789012345,B21,1*"))
        #expect(throws: CommandError.self) { try encoded("set_timezone") }
    }
}
