import Codecs
import Testing
import TestSupport

/// The ATrack framer: the frame-decoder captures, every packet it cuts fed byte by byte and in
/// one stream, and garbage.
@Suite struct AtrackFramerTests {
    static let captures = Captures.of("atrack")
    /// Packets that start as the splitter expects (`@P`, `@P,`, `$`, `FE 02`) and end where it cuts.
    static let packets = captures.map(\.bytes).filter { bytes in
        var framer = AtrackFramer()
        let cut = framer.cutAll(bytes)
        return cut.frames == [bytes]
    }

    @Test(arguments: captures.filter(\.isFramerTest))
    func framerCapture_cutsTheExpectedFrame(_ capture: Capture) {
        FramerChecks.verifyFramerCapture(capture, { AtrackFramer() })
    }

    @Test func packets_fedByteByByte_needMoreUntilComplete() {
        #expect(Self.packets.count >= 20)
        FramerChecks.verifyByteByByte(Self.packets, { AtrackFramer() })
    }

    @Test func packetsInOneStream_afterGarbage_comeOutInOrder() {
        FramerChecks.verifyConcatenated(Self.packets, after: [0x00, 0x0D, 0x0A, 0x31], { AtrackFramer() })
    }

    @Test func aTextLengthThatIsNoNumber_isGarbage() {
        var framer = AtrackFramer()
        let keepAlive = Hex.decode("fe0200014104d8f196820001")!
        let cut = framer.cutAll(Array("@P,12AB,1x2,".utf8) + keepAlive)
        #expect(cut.frames == [keepAlive] && cut.discarded == 12)
    }
}
