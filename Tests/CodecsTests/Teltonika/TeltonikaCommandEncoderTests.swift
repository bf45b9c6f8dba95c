import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Codec 12 downlink commands.
@Suite struct TeltonikaCommandEncoderTests {
    let codec = TeltonikaCodec()

    func encode(_ type: String, text: String = "") throws -> [UInt8] {
        try codec.encode(Command.with { $0.type = type; $0.text = text }, context: SessionContext(deviceId: "123456789012345"))
    }

    /// A codec 12 packet for `content`, built independently: header, type 05, size, content, CRC.
    func packet(_ content: [UInt8]) -> [UInt8] {
        let size = UInt32(content.count)
        let data: [UInt8] = [0x0C, 0x01, 0x05] + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: size >> $0) } + content + [0x01]
        let crc = Checksums.crc16IBM(data)
        return [0, 0, 0, 0, 0, 0, 0, UInt8(data.count)] + data + [0, 0, UInt8(crc >> 8), UInt8(crc & 0xFF)]
    }

    @Test func engineStop_isSetdigout1() throws { #expect(try encode("engine_stop") == packet(Array("setdigout 1".utf8))) }
    @Test func engineResume_isSetdigout0() throws { #expect(try encode("engine_resume") == packet(Array("setdigout 0".utf8))) }
    @Test func customText_isSentAsASCII() throws { #expect(try encode("custom", text: "getver") == packet(Array("getver".utf8))) }
    @Test func customOddHex_isSentAsASCII() throws { #expect(try encode("custom", text: "abc") == packet(Array("abc".utf8))) }
    @Test func customHex_isSentAsBytes() throws { #expect(try encode("custom", text: "0A0b") == packet([0x0A, 0x0B])) }

    @Test func unknownType_isRefused() {
        #expect(throws: CommandError.self) { try encode("position_single") }
    }
}
