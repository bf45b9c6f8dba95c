import Codecs
import Testing
import TestSupport

/// Meitrack framing: the frame-decoder captures, every decoder capture as it travels on the wire,
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
        guard case .framer(let expected, let noFrame) = capture.expectation.check else { return }
        var framer = MeitrackFramer()
        let cut = framer.cutAll(capture.bytes)
        if noFrame {
            #expect(cut.frames.isEmpty)
        } else {
            #expect(cut.frames.first == (expected ?? capture.bytes))
        }
    }

    @Test func everyWireFrame_fedByteByByte_isCutWhole() {
        #expect(Self.wireFrames.count == 33)
        for frame in Self.wireFrames {
            #expect(FramerChecks.feedsByteByByte({ MeitrackFramer() }, frame), "\(frame.prefix(30))")
        }
    }

    @Test func allWireFrames_concatenated_areCutInOrder() {
        var framer = MeitrackFramer()
        let cut = framer.cutAll(Self.wireFrames.flatMap { $0 })
        #expect(cut.frames == Self.wireFrames && cut.discarded == 0 && cut.remainder.isEmpty)
    }

    @Test func garbageBeforeAFrame_isDiscarded() {
        let garbage = Array("\r\nxx$#$".utf8)
        let frame = Self.wireFrames[0]
        var framer = MeitrackFramer()
        let cut = framer.cutAll(garbage + frame)
        #expect(cut.frames == [frame] && cut.discarded == garbage.count)
    }

    @Test func nonDigitLength_isDiscardedAsBadLength() {
        var framer = MeitrackFramer()
        let decision = Array("$$AX1,".utf8).withUnsafeBytes { framer.cut($0) }
        #expect(decision == .discard(count: 1, reason: "bad_length"))
    }
}
