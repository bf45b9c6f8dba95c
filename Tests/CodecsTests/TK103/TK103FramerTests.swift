import Testing
import Codecs
import TestSupport

@Suite struct TK103FramerTests {
    static let singles = Captures.of("tk103").filter { !$0.isFramerTest && !$0.isDownlink }

    @Test(arguments: Captures.of("tk103").filter(\.isFramerTest))
    func framerCapture_cutsTheFramesItsNoteNames(_ capture: Capture) {
        TextProtoFraming.verifyFramerCapture(capture, framer: TK103Framer())
    }

    @Test(arguments: singles)
    func singleFrame_fedByteByByte_isCutOnceComplete(_ capture: Capture) {
        TextProtoFraming.verifyByteByByte(capture.bytes, framer: TK103Framer(), "\(capture)")
    }

    @Test func allFrames_concatenatedWithGarbage_comeOutInOrder() {
        TextProtoFraming.verifyConcatenated(Self.singles.map(\.bytes), separator: Array("\r\ngarbage)".utf8), framer: TK103Framer())
    }

    @Test func closingParenthesisInsideDollarText_doesNotEndTheFrame() {
        var framer = TK103Framer()
        let frame = Array("(1,ZC03,191117,234207,$a)b$)".utf8)
        #expect(framer.cutAll(frame + Array("(2".utf8)).frames == [frame])
    }

    @Test func unterminatedFrameOver1KiB_isDroppedUpToTheNextFrame() {
        var framer = TK103Framer()
        let runaway = Array("(1,ZC03,$".utf8) + Array(repeating: UInt8(ascii: "x"), count: 1100)
        let next = Array("(2,ZC20,131117,223706,6,394,65535,255)".utf8)
        let result = framer.cutAll(runaway + next)
        #expect(result.frames == [next])
        #expect(result.discarded == runaway.count)
    }
}
