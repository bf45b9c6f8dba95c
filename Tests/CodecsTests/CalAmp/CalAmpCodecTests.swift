import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// CalAmp datagrams: identification by the options header, the 10-byte ack for service type 1,
/// and the values of event, mini and user-data reports.
@Suite struct CalAmpCodecTests {
    let codec = CalAmpCodec()
    static func capture(_ line: Int) -> [UInt8] { Captures.more[line - 1].bytes }
    func decode(_ frame: [UInt8], deviceId: String? = nil) throws -> Decoded {
        try codec.decode(frame, context: DecodeContext(deviceId: deviceId, transport: .udp, receivedAtMs: 1_700_000_000_000))
    }

    @Test func eventReport_namesTheMobileId_andGetsTheAckNamingItsSequenceAndType() {
        let examination = codec.examine(Self.capture(256), context: SessionContext(transport: .udp))
        #expect(examination.deviceId == "352648068863398" && examination.problem == nil && examination.storesData)
        #expect(examination.reply.map(Hex.encode) == "0201039c020000000000")
    }

    @Test func eventReport_decodesToTheDocumentedFix() throws {
        let decoded = try decode(Self.capture(256))
        let position = try #require(decoded.positions.first)
        #expect(decoded.kind == .position && decoded.deviceId == "352648068863398" && decoded.events.isEmpty)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2019, month: 6, day: 9, hour: 0, minute: 7, second: 41))
        #expect(abs(position.latitude - 42.8949341) < 1e-7 && abs(position.longitude + 85.7659106) < 1e-7)
        #expect(abs(position.altitudeM - 133.06) < 1e-9 && abs(position.speedKmh - 88 * 0.036) < 1e-9)
        #expect(position.courseDeg == 273 && position.satellites == 8 && position.valid)
        #expect(position.attributes["type"] == .int(2) && position.attributes["ignition"] != nil && position.attributes["event"] != nil)
    }

    @Test func miniEventReport_carriesKilometresPerHourAndSatellitesInOneByte() throws {
        let position = try #require(try decode(Self.capture(261)).positions.first)
        #expect(position.speedKmh == 5 && position.satellites == 9 && position.valid && position.courseDeg == 240)
        #expect(position.attributes["event"] == .int(0x33) && position.attributes["acc0"] == .int(0x301))
        #expect(position.altitudeM == 0 && position.attributes["append"] == nil)
    }

    @Test func userData_isAPositionWithItsTextAsACommandResult() throws {
        let decoded = try decode(Self.capture(255))
        #expect(decoded.kind == .commandReply)
        #expect(decoded.positions.first?.attributes["result"] == .string("0x300ED89F335019000000467E"))
        #expect(decoded.events.first?.kind == .commandResult)
    }

    @Test func idReport_isAckedAndStoresNothing() throws {
        let examination = codec.examine(Self.capture(262), context: SessionContext(transport: .udp))
        #expect(examination.reply.map(Hex.encode) == "02010001030000000000" && !examination.storesData)
        #expect(try decode(Self.capture(262)) == Decoded(kind: .login, deviceId: "4532104183"))
    }

    @Test func unacknowledgedService_getsNoReply() {
        var frame = Self.capture(256)
        frame[12] = 0  // service type 0, after the options byte, the mobile id (1 + 8) and the id type (1 + 1)
        #expect(codec.examine(frame, context: SessionContext(transport: .udp)).reply == nil)
    }

    @Test func withoutOptionsHeader_theSessionNamesTheDevice_andWithoutSessionItIsUnidentified() throws {
        let bare: [UInt8] = Array(Self.capture(256).dropFirst(12))
        #expect(try decode(bare, deviceId: "42").positions.first?.deviceID == "42")
        let error = #expect(throws: DecodeError.self) { try decode(bare) }
        #expect(error?.errorType == "unidentified")
    }

    @Test func otherMessageTypes_areUnsupported_andShortDatagramsTruncated() {
        var frame = Self.capture(256)
        frame[13] = 6  // configuration
        #expect((#expect(throws: DecodeError.self) { try decode(frame) })?.errorType == "unsupported")
        #expect(codec.examine([0x83, 0x08, 0x35], context: SessionContext(transport: .udp)).problem == "truncated")
    }

    @Test func aDatagramIsOneFrame() {
        var framer = codec.makeFramer()
        #expect(framer.cutAll(Self.capture(256)).frames == [Self.capture(256)])
    }

    @Test func hammer_neverCrashes() {
        let seeds = Captures.of("calamp").map(\.bytes)
        #expect(CodecRobustness.hammer(codec, seeds: seeds, cases: CodecRobustness.caseCount(default: 50_000)) > 0)
    }
}
