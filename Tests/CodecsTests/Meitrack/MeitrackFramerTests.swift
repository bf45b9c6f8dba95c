import Codecs
import Testing
import TestSupport

/// Meitrack framing: the frame-decoder capture, every decoder capture as it travels on the wire,
/// fed byte by byte and all at once, and garbage before a frame.
@Suite struct MeitrackFramerTests {
    /// Hand-edited captures whose length field no longer matches their bytes (499, 515) and a
    /// truncated photo chunk (507): not frames a device could send.
    static let notWireFrames: Set<Int> = [499, 507, 515]

    /// Decoder captures as a device sends them: the CRLF many test strings omit put back.
    static var wireFrames: [[UInt8]] {
        Captures.of("meitrack").filter { !$0.isFramerTest && !$0.isDownlink && !notWireFrames.contains($0.line) }.map {
            let bytes = $0.bytes
            return bytes.suffix(2) == [0x0D, 0x0A] ? bytes : bytes + [0x0D, 0x0A]
        }
    }

    @Test(arguments: Captures.of("meitrack").filter(\.isFramerTest))
    func framerCapture_cutsTheExpectedFrame(_ capture: Capture) {
        FramerChecks.verifyFramerCapture(capture, { MeitrackFramer() })
    }

    @Test func everyWireFrame_fedByteByByte_isCutWhole() {
        #expect(Self.wireFrames.count == 33)
        FramerChecks.verifyByteByByte(Self.wireFrames, { MeitrackFramer() })
    }

    @Test func allWireFrames_concatenated_areCutInOrder() {
        FramerChecks.verifyConcatenated(Self.wireFrames, { MeitrackFramer() })
    }

    @Test func garbageBeforeAFrame_isDiscarded() {
        FramerChecks.verifyConcatenated(Array(Self.wireFrames.prefix(2)), after: Array("\r\nxx$#$".utf8), { MeitrackFramer() })
    }

    @Test func nonDigitLength_isDiscardedAsBadLength() {
        var framer = MeitrackFramer()
        let decision = Array("$$AX1,".utf8).withUnsafeBytes { framer.cut($0) }
        #expect(decision == .discard(count: 1, reason: "bad_length"))
    }
}
