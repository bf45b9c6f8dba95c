import Codecs
import Testing
import TestSupport

/// The Eelink TCP framer: each packet fed byte by byte, every TCP capture in one stream, garbage
/// and lengths Traccar's splitter would refuse.
@Suite struct EelinkFramerTests {
    static let tcpFrames = Captures.of("eelink").filter { $0.transport == "tcp" && $0.isFrame }.map(\.bytes)

    @Test func eachPacket_fedByteByByte_needsMoreUntilComplete() {
        FramerChecks.verifyByteByByte(Self.tcpFrames, { EelinkFramer() })
    }

    @Test func everyPacketInOneStream_afterGarbage_comesOutInOrder() {
        FramerChecks.verifyConcatenated(Self.tcpFrames, after: [0x00, 0x67, 0x01, 0x45], { EelinkFramer() })
    }

    @Test func aLengthWithoutRoomForTheSerial_orBeyondTraccarsLimit_dropsTheHeader() {
        var framer = EelinkFramer()
        let heartbeat = Self.tcpFrames.first { $0[2] == 0x03 }!
        let cut = framer.cutAll([0x67, 0x67, 0x03, 0x00, 0x01] + [0x67, 0x67, 0x12, 0x04, 0x00] + heartbeat)
        #expect(cut.frames == [heartbeat] && cut.discarded == 10)
    }

    @Test func aLoneHeaderByte_waits() {
        var framer = EelinkFramer()
        #expect(framer.cutAll([0x01, 0x67]).remainder == [0x67])
    }
}
