import Codecs
import Testing
import TestSupport

/// Cuts Galileosky streams: little-endian lengths, the flag bit, the Iridium form, garbage.
@Suite struct GalileoFramerTests {
    static let packets = Captures.of("galileo").filter { !$0.isDownlink }.map(\.bytes)

    @Test func everyPacket_needsMoreUntilItsLastByte() {
        FramerChecks.verifyByteByByte(Self.packets, { GalileoFramer() })
    }

    @Test func packetsAllAtOnce_afterGarbage_comeOutInOrder() {
        FramerChecks.verifyConcatenated(Self.packets, after: [0x00, 0x02, 0xFF], { GalileoFramer() })
    }
}
