import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// JT808 examination (identity, replies, what is stored) and decoding, on real captures.
@Suite struct JT808CodecTests {
    let codec = JT808Codec()
    static let receivedAtMs: Int64 = 1_700_000_000_000

    static func capture(_ line: Int) throws -> [UInt8] {
        try #require(Captures.more.first { $0.line == line && $0.protocol == "jt808" }).bytes
    }

    static func hex(_ text: String) -> [UInt8] { Hex.decode(text)! }

    @Test func locationReport_isAnsweredWithTheGeneralResponse_andDecodesInGMTPlus8() throws {
        let frame = try Self.capture(5)
        let examination = codec.examine(frame, context: SessionContext())
        #expect(examination.deviceId == "794308010679" && examination.problem == nil && examination.storesData)
        #expect(examination.reply == Self.hex("7e8001000579430801067900000138020000f37e"))
        let position = try #require(try codec.decode(frame, context: DecodeContext()).positions.first)
        #expect(position.valid && abs(position.latitude + 25.269608) < 1e-6 && abs(position.longitude + 57.602956) < 1e-6)
        #expect(position.altitudeM == 92 && abs(position.speedKmh - 1.8) < 1e-9 && position.courseDeg == 0)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2025, month: 11, day: 18, hour: 3, minute: 26, second: 11))
        #expect(position.deviceID == "794308010679" && position.protocol == "jt808")
    }

    @Test func timeZoneOffset_option_changesTheTerminalsClock() throws {
        let context = DecodeContext(options: ["TimeZoneOffset": "0"])
        let position = try #require(try codec.decode(try Self.capture(5), context: context).positions.first)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2025, month: 11, day: 18, hour: 11, minute: 26, second: 11))
    }

    @Test func registration_isAnsweredWithItsAuthCode_andStoresNothing() throws {
        let frame = try Self.capture(68)
        let examination = codec.examine(frame, context: SessionContext())
        #expect(examination.deviceId == "94027849470" && !examination.storesData)
        let reply = try #require(examination.reply)
        #expect(reply.prefix(3) == [0x7E, 0x81, 0x00] && reply.last == 0x7E)
        #expect(String(decoding: reply.dropFirst(16).prefix(12), as: UTF8.self) == "094027849470")
        #expect(try codec.decode(frame, context: DecodeContext()).kind == .login)
    }

    @Test func emptyHeartbeat_isAnswered_andStoresNothing() throws {
        let frame = try Self.capture(70)
        let examination = codec.examine(frame, context: SessionContext())
        #expect(examination.reply == Self.hex("7e80010005043048325465000000b70002004e7e"))
        #expect(!examination.storesData)
        let decoded = try codec.decode(frame, context: DecodeContext())
        #expect(decoded.kind == .heartbeat && decoded.positions.isEmpty)
    }

    @Test func lockReport_isAckedWith4401_onlyWhenItAsksForIt() throws {
        let asking = try Self.capture(26)
        let reply = try #require(codec.examine(asking, context: SessionContext()).reply)
        #expect(reply.prefix(3) == [0x7E, 0x44, 0x01])
        var quiet = asking
        quiet[3] &= 0x7F  // attribute bit 15 off; the check byte is only reported
        let examination = codec.examine(quiet, context: SessionContext())
        #expect(examination.reply == nil && examination.problem == "bad_crc")
    }

    @Test func corruptCheckByte_isReported_butStillAnswered() throws {
        var frame = try Self.capture(5)
        frame[frame.count - 2] ^= 0xFF
        let examination = codec.examine(frame, context: SessionContext())
        #expect(examination.problem == "bad_crc" && examination.reply != nil)
        #expect(try codec.decode(frame, context: DecodeContext()).positions.count == 1)
    }

    @Test func timeRequestLine_isEchoedWithTheServersTime_onlyWithAClock() throws {
        let line = Array("(794104004140,1,001,BASE,2,TIME)".utf8)
        let examination = codec.examine(line, context: SessionContext(receivedAtMs: Self.receivedAtMs))
        #expect(examination.reply == Array("(794104004140,1,001,BASE,2,20231114221320)".utf8) && !examination.storesData)
        #expect(codec.examine(line, context: SessionContext()).reply == nil)
    }

    @Test func archivedBatch_givesEveryItem_markedArchive() throws {
        let decoded = try codec.decode(try Self.capture(58), context: DecodeContext())
        #expect(decoded.positions.count == 8)
        #expect(decoded.positions.allSatisfy { $0.attributes["archive"] == .bool(true) && $0.valid })
    }

    @Test func alternativeDelimiter_carriesASevenByteId_andIsAnsweredInKind() throws {
        let standard = try Self.capture(5)
        let content = Array(standard[1..<5]) + Self.hex("00794308010679") + Array(standard[11..<(standard.count - 2)])
        let escapes: [UInt8: [UInt8]] = [0xE6: [0xE6, 0x01], 0xE7: [0xE6, 0x02], 0x3E: [0x3E, 0x01], 0x3D: [0x3E, 0x02]]
        let check = content.reduce(0, ^)
        let frame: [UInt8] = [0xE7] + (content + [check]).flatMap { escapes[$0] ?? [$0] } + [0xE7]
        var framer = JT808Framer()
        #expect(framer.cutAll(frame).frames == [frame])
        let examination = codec.examine(frame, context: SessionContext())
        #expect(examination.deviceId == "794308010679" && examination.problem == nil)
        #expect(examination.reply?.first == 0xE7 && examination.reply?.last == 0xE7)
        let position = try #require(try codec.decode(frame, context: DecodeContext()).positions.first)
        #expect(abs(position.latitude + 25.269608) < 1e-6 && abs(position.longitude + 57.602956) < 1e-6)
    }

    @Test func unknownMessageId_isRefusedWithAReason() throws {
        var frame = try Self.capture(70)
        frame[1] = 0x0F  // 0x0F02, which no terminal sends
        let error = #expect(throws: DecodeError.self) { try codec.decode(frame, context: DecodeContext()) }
        #expect(error?.errorType == "unsupported")
    }
}
