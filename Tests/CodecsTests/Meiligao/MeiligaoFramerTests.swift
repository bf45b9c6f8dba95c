import Codecs
import Testing
import TestSupport

/// The Meiligao framer: the frame-decoder captures, packets fed byte by byte and in one stream,
/// and the wrong (often zero) length fields devices send.
@Suite struct MeiligaoFramerTests {
    static let captures = Captures.of("meiligao")
    /// Uplink captures that are one whole packet: a `$$` marker and a `0D 0A` at the end, with a
    /// length field that is right, zero, or otherwise not where the packet ends.
    static let packets = captures.filter { $0.isFrame && $0.bytes.starts(with: [0x24, 0x24]) && $0.bytes.suffix(2) == [0x0D, 0x0A] }
        .filter { capture in
            let declared = Int(capture.bytes[2]) << 8 | Int(capture.bytes[3])
            return declared == capture.bytes.count || declared < MeiligaoFramer.smallestFrame
        }

    @Test(arguments: captures.filter(\.isFramerTest))
    func framerCapture_cutsTheExpectedFrame(_ capture: Capture) {
        FramerChecks.verifyFramerCapture(capture, { MeiligaoFramer() })
    }

    @Test func packets_fedByteByByte_needMoreUntilComplete() {
        #expect(Self.packets.count > 30)
        FramerChecks.verifyByteByByte(Self.packets.map(\.bytes), { MeiligaoFramer() })
    }

    @Test func packetsInOneStream_afterGarbage_comeOutInOrder() {
        FramerChecks.verifyConcatenated(Self.packets.map(\.bytes), after: [0x00, 0x0D, 0x0A, 0x40], { MeiligaoFramer() })
    }

    @Test func aZeroLength_isCutAtTheTerminator_andAWrongOneThatMissesIt_too() {
        let zero = Self.captures.first { $0.line == 178 }!.bytes  // length field 0000
        var framer = MeiligaoFramer()
        #expect(framer.cutAll(zero + zero).frames == [zero, zero])
        let short = Self.captures.first { $0.line == 168 }!.bytes  // three packets, the first with a right length
        #expect(framer.cutAll(short).frames.count == 3)
    }
}
