import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Ruptela replies per command, records, DTCs, command answers and the integrity checks.
@Suite struct RuptelaCodecTests {
    let codec = RuptelaCodec()

    static func capture(_ line: Int) throws -> [UInt8] {
        try #require(Captures.more.first { $0.line == line && $0.protocol == "ruptela" }).bytes
    }

    @Test func crc16Kermit_matchesItsStandardCheckValue() {
        #expect(Checksums.crc16Kermit(Array("123456789".utf8)) == 0x2189)
    }

    @Test func records_areAckedWithTheConstantReply_andDecodeLongitudeFirst() throws {
        let packet = try Self.capture(134)
        let examination = codec.examine(packet, context: SessionContext())
        #expect(examination.deviceId == "863071016796572" && examination.problem == nil && examination.storesData)
        #expect(examination.reply == Hex.decode("0002640113bc"))
        let position = try #require(try codec.decode(packet, context: DecodeContext()).positions.first)
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2015, month: 10, day: 6, hour: 14, minute: 21, second: 33))
        #expect(abs(position.latitude - 5.6292216) < 1e-7 && abs(position.longitude + 0.0674950) < 1e-7 && position.valid)
        #expect(abs(position.altitudeM - 48.7) < 1e-9 && position.satellites == 9 && position.speedKmh == 0 && position.hdop == 1.3)
        #expect(position.attributes["event"] == .int(7))
    }

    @Test func recordsWithoutAFix_keepTheirAttributes_onTheLastKnownLocation() throws {
        let positions = try codec.decode(try Self.capture(126), context: DecodeContext()).positions
        #expect(positions.count > 1 && positions.allSatisfy { !$0.valid && $0.attributes["outdated"] == .bool(true) })
    }

    @Test func identification_isLogin_ackedAndStoresNothing() throws {
        let packet = try Self.capture(125)
        let examination = codec.examine(packet, context: SessionContext())
        #expect(examination.reply == Hex.decode("00027301cb25") && !examination.storesData)
        #expect(try codec.decode(packet, context: DecodeContext()).kind == .login)
    }

    @Test func dtcs_areAckedAndDecodedAsCodes() throws {
        let packet = try Self.capture(131)
        #expect(codec.examine(packet, context: SessionContext()).reply == Hex.decode("00026d01c4a4"))
        let positions = try codec.decode(packet, context: DecodeContext()).positions
        #expect(positions.count == 2 && positions.allSatisfy { $0.attributes["dtcs"] != nil && $0.valid })
    }

    @Test func fileChunk_asksForTheNextChunk_andIsRefusedByTheDecoder() throws {
        let packet = try Self.capture(127)
        #expect(codec.examine(packet, context: SessionContext()).reply == RuptelaTestPackets.server(type: 37, content: Hex.decode("02003544444131464144" + "0001")!))
        let error = #expect(throws: DecodeError.self) { try codec.decode(packet, context: DecodeContext()) }
        #expect(error?.errorType == "unsupported")
    }

    @Test func commandAnswer_isAResult() throws {
        let decoded = try codec.decode(try Self.capture(130), context: DecodeContext())
        #expect(decoded.kind == .commandReply)
        #expect(decoded.events.first?.attributes["result"] == .string("DIN1=1,DIN2=0,DIN3=0,DIN4=0,DOUT1=1,DOUT2=1,AIN1=17,AIN2=26"))
    }

    @Test func corruptPackets_areReported_butStillAnswered() throws {
        var packet = try Self.capture(134)
        packet[packet.count - 1] ^= 0x01
        #expect(codec.examine(packet, context: SessionContext()).problem == "bad_crc")
        let misdeclared = try Self.capture(129)  // its length field says 17 bytes
        let examination = codec.examine(misdeclared, context: SessionContext())
        #expect(examination.problem == "bad_length" && examination.deviceId != nil)
    }

    @Test func commands_areServerPackets() throws {
        func encoded(_ type: String, text: String = "", _ params: [String: String] = [:]) throws -> [UInt8] {
            try codec.encode(Command.with { $0.type = type; $0.text = text; $0.params = params }, context: SessionContext())
        }
        #expect(try encoded("custom", text: " Setio 2,1") == Hex.decode("000b6c20536574696F20322C31eb3e"))
        #expect(try encoded("custom", text: "0102") == [0x01, 0x02])
        #expect(try encoded("engine_stop") == RuptelaTestPackets.server(type: 8, content: Array("pass immobilizer 10".utf8)))
        #expect(try encoded("output_control", ["index": "2", "data": "1"]) == RuptelaTestPackets.server(type: 17, content: [0, 0, 0, 2, 0, 0, 0, 1]))
        #expect(try encoded("set_connection", ["server": "10.0.0.1", "port": "5046"]) == RuptelaTestPackets.server(type: 5, content: Array("10.0.0.1,5046,TCP".utf8)))
        #expect(throws: CommandError.self) { try encoded("set_odometer", text: "far") }
        #expect(throws: CommandError.self) { try encoded("alarm_arm") }
    }
}

/// Server packets built independently of the codec: `<length> <100 + type> <content> <CRC-16/KERMIT>`.
enum RuptelaTestPackets {
    static func server(type: UInt8, content: [UInt8]) -> [UInt8] {
        let body = [100 + type] + content
        var crc: UInt16 = 0
        for byte in body {
            crc ^= UInt16(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1 }
        }
        return [UInt8(body.count >> 8), UInt8(body.count & 0xFF)] + body + [UInt8(crc >> 8), UInt8(crc & 0xFF)]
    }
}
