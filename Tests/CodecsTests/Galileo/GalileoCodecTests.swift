import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Galileosky head packets, records, command answers, the Iridium form and commands.
@Suite struct GalileoCodecTests {
    let codec = GalileoCodec()

    static func capture(_ line: Int) throws -> [UInt8] {
        try #require(Captures.more.first { $0.line == line && $0.protocol == "galileo" }).bytes
    }

    @Test func crc16Modbus_matchesItsStandardCheckValue() {
        #expect(Checksums.crc16Modbus(Array("123456789".utf8)) == 0x4B37)
    }

    @Test func headPacket_namesTheIMEI_andItsRecordDecodes() throws {
        let packet = try Self.capture(139)
        let examination = codec.examine(packet, context: SessionContext())
        #expect(examination.deviceId == "868345032042426" && examination.storesData)
        let decoded = try codec.decode(packet, context: DecodeContext())
        let position = try #require(decoded.positions.first)
        #expect(decoded.deviceId == "868345032042426" && position.deviceID == "868345032042426")
        #expect(position.fixTimeMs == UTCTime.milliseconds(year: 2018, month: 9, day: 17, hour: 13, minute: 22, second: 4))
        #expect(abs(position.latitude - 24.709763) < 1e-6 && abs(position.longitude - 46.665418) < 1e-6 && position.valid)
        #expect(position.altitudeM == 696 && position.speedKmh == 0)
    }

    @Test func repeatedTags_startTheNextRecord() throws {
        let positions = try codec.decode(try Self.capture(143), context: DecodeContext(deviceId: "868204001269934"))
        #expect(positions.positions.count > 1)
        #expect(Set(positions.positions.map(\.fixTimeMs)).count == positions.positions.count)
    }

    @Test func commandAnswer_isAResult_onTheLastKnownLocation() throws {
        let decoded = try codec.decode(try Self.capture(141), context: DecodeContext())
        let position = try #require(decoded.positions.first)
        #expect(decoded.kind == .commandReply && !position.valid)
        #expect(position.attributes["result"]?.stringValue.hasPrefix("INALL:in0=11206") == true)
    }

    @Test func recordsBeforeTheHeadPacket_areUnidentified() throws {
        let error = #expect(throws: DecodeError.self) { try codec.decode(try Self.capture(143), context: DecodeContext()) }
        #expect(error?.errorType == "unidentified")
    }

    @Test func iridiumPacket_namesItsIMEI_andGetsNoReply() throws {
        let packet = try Self.capture(147)
        let examination = codec.examine(packet, context: SessionContext())
        #expect(examination.reply == nil && examination.deviceId == "300234069604590")
        let position = try #require(try codec.decode(packet, context: DecodeContext()).positions.first)
        #expect(position.deviceID == "300234069604590" && position.fixTimeMs > 1_600_000_000_000)
    }

    @Test func photoChunk_isAckedWith07_andRefusedByTheDecoder() throws {
        let packet = try Self.capture(140)
        let examination = codec.examine(packet, context: SessionContext())
        #expect(examination.reply == [0x07] + packet.suffix(2) && !examination.storesData)
        let error = #expect(throws: DecodeError.self) { try codec.decode(packet, context: DecodeContext(deviceId: "1")) }
        #expect(error?.errorType == "unsupported")
    }

    @Test func corruptCRC_isReported_butStillAcked() throws {
        var packet = try Self.capture(139)
        packet[5] ^= 0x01
        let examination = codec.examine(packet, context: SessionContext())
        #expect(examination.problem == "bad_crc" && examination.reply == [0x02] + packet.suffix(2))
    }

    @Test func unknownTag_endsTheDecodeWithAReason() throws {
        let packet = Self.frame([0x03] + Array("868345032042426".utf8) + [0x3A, 0x00])
        let error = #expect(throws: DecodeError.self) { try codec.decode(packet, context: DecodeContext()) }
        #expect(error?.errorType == "malformed")
    }

    @Test func commands_areTaggedPacketsForTheIMEI() throws {
        let context = SessionContext(deviceId: "123456789012345")
        let status = Command.with { $0.type = "custom"; $0.text = "status" }
        #expect(try codec.encode(status, context: context) == Hex.decode("01200003313233343536373839303132333435040000e000000000e1067374617475731f64"))
        let output = Command.with { $0.type = "output_control"; $0.params = ["index": "1", "data": "0"] }
        #expect(try codec.encode(output, context: context).suffix(9).prefix(7) == Array("Out 1,0".utf8)[...])
        #expect(throws: CommandError.self) { try codec.encode(status, context: SessionContext(deviceId: "short")) }
    }

    /// A `01` packet around `tags`, with its CRC-16/MODBUS, built independently of the codec.
    static func frame(_ tags: [UInt8]) -> [UInt8] {
        let packet = [0x01, UInt8(tags.count & 0xFF), UInt8(tags.count >> 8)] + tags
        var crc: UInt16 = 0xFFFF
        for byte in packet {
            crc ^= UInt16(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
        }
        return packet + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }
}
