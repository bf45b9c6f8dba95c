import Codecs
import Testing
import TestSupport

/// Cuts Ruptela streams by their length field.
@Suite struct RuptelaFramerTests {
    /// Device packets whose length field describes them. Left out: lines 129 and 131, hand-edited
    /// in Traccar's tests so the length no longer matches (Traccar's test feeds them to the decoder
    /// directly); no length-based framer cuts them whole.
    static let packets = Captures.of("ruptela").filter { $0.isFrame && ![129, 131].contains($0.line) }.map(\.bytes)

    @Test func everyPacket_needsMoreUntilItsLastByte() {
        FramerChecks.verifyByteByByte(Self.packets, { RuptelaFramer() })
    }

    @Test func packetsAllAtOnce_comeOutInOrder() {
        FramerChecks.verifyConcatenated(Self.packets, { RuptelaFramer() })
    }

    @Test func implausibleLengths_areDiscardedByteByByte() {
        var framer = RuptelaFramer()
        // Each byte starts a length too long (0xFFFF, 0xFF00) or too short (0x0001, the packet's first byte).
        let cut = framer.cutAll([0xFF, 0xFF, 0x00] + Self.packets[0])
        #expect(cut.frames == [Self.packets[0]] && cut.discarded == 3)
    }
}
