import Codecs
import Testing
import TestSupport

/// Suntech framing: the frame-decoder captures, every decoder capture as it travels on the wire
/// (text with its `\r`), fed byte by byte and all at once, and garbage before a frame.
/// Frames keep their `\r`; the captures' expected frames are compared without it.
@Suite struct SuntechFramerTests {
    /// The crash report (589) carries a `\r` inside its binary body, which ends a frame for
    /// Suntech's framer as for Traccar's: it cannot travel as one frame.
    static let notWireFrames: Set<Int> = [589]

    static var wireFrames: [[UInt8]] {
        Captures.of("suntech").filter { !$0.isFramerTest && !notWireFrames.contains($0.line) }.map {
            $0.kind == "hex" && ($0.bytes.first == 0x02 || $0.bytes[1] == 0) ? $0.bytes : $0.bytes + [0x0D]
        }
    }

    /// A frame without its `\r`, as Traccar's frame decoder hands it on.
    static func content(_ frame: [UInt8]) -> [UInt8] { frame.last == 0x0D ? Array(frame.dropLast()) : frame }

    @Test(arguments: Captures.of("suntech").filter(\.isFramerTest))
    func framerCapture_cutsTheExpectedFrame(_ capture: Capture) {
        FramerChecks.verifyFramerCapture(capture, { SuntechFramer() }, content: Self.content)
    }

    @Test func everyWireFrame_fedByteByByte_isCutWhole() {
        #expect(Self.wireFrames.count == 66)
        FramerChecks.verifyByteByByte(Self.wireFrames, { SuntechFramer() })
    }

    @Test func allWireFrames_concatenated_areCutInOrder() {
        FramerChecks.verifyConcatenated(Self.wireFrames, { SuntechFramer() })
    }

    @Test func garbageBeforeAFrame_isDiscarded() {
        FramerChecks.verifyConcatenated(Array(Self.wireFrames.prefix(2)), after: [0x00, 0x0A, 0x0D, 0x01, 0xFF, 0x0A], { SuntechFramer() })
    }

    @Test func carriageReturnInsideSerialData_doesNotEndTheFrame() {
        let frame = Array("ST300UEX;511248287;45;311;20220701;18:42:08;14c943;-22.975257;-043.373065;000.000;000.00;0;0;0;12.14;100010;19;RFID:008FB2BEBA39\r\n;3E;000135;4.1;1;00000000000000;0\r".utf8)
        var framer = SuntechFramer()
        #expect(framer.cutAll(frame + frame).frames == [frame, frame])
    }

    @Test func crlfFollowedByANewMessage_endsTheFrame() {
        var framer = SuntechFramer()
        let cut = framer.cutAll(Array("SA200ALV;317652\r\nSA200ALV;317652\r".utf8))
        #expect(cut.frames == [Array("SA200ALV;317652\r".utf8), Array("SA200ALV;317652\r".utf8)] && cut.discarded == 1)
    }
}
