import Codecs
import Testing
import TestSupport

/// Cuts Topin streams, whose length byte does not describe the content.
@Suite struct TopinFramerTests {
    static let frames = Captures.of("topin").filter(\.isFrame).map(\.bytes)

    @Test func everyCapture_needsMoreUntilItsTerminator() {
        FramerChecks.verifyByteByByte(Self.frames, { TopinFramer() })
    }

    @Test func capturesAllAtOnce_afterGarbage_comeOutInOrder() {
        FramerChecks.verifyConcatenated(Self.frames, after: [0x00, 0x78, 0x0D, 0x0A], { TopinFramer() })
    }

    @Test func terminatorInsideAFix_doesNotEndTheFrame() {
        // A GPS report whose latitude bytes hold 0D 0A.
        let frame = Hex.decode("78781210190B05030D24980D0A77200BE2078F0034000D0A")!
        var framer = TopinFramer()
        #expect(framer.cutAll(frame + frame).frames == [frame, frame])
    }

    @Test func emptyGps2Report_isItsOwnFrame() {
        var framer = TopinFramer()
        let empty = Hex.decode("787801080D0A")!
        #expect(framer.cutAll(empty + Self.frames[0]).frames == [empty, Self.frames[0]])
    }
}
