import Codecs
import Testing
import TestSupport

/// Cuts JT808 streams: the frame-decoder capture, every capture byte by byte and all at once,
/// garbage before frames, and a stream that lost step.
@Suite struct JT808FramerTests {
    /// Every binary capture in its wire form. Left out: lines 13, 33, 75 and 84, which hold a `7E`
    /// inside: Traccar's decoder tests feed frames its splitter has already un-escaped, and no
    /// delimiter-based splitter (Traccar's included) cuts those whole.
    static let frames = Captures.of("jt808").filter { $0.isFrame && $0.kind == "hex" && ![13, 33, 75, 84].contains($0.line) }.map(\.bytes)

    @Test(arguments: Captures.of("jt808").filter(\.isFramerTest))
    func framerCapture_cutsTheFrameTraccarHandsOn(_ capture: Capture) {
        FramerChecks.verifyFramerCapture(capture, { JT808Framer() }, content: Self.unescaped)
    }

    @Test func everyCapture_needsMoreUntilItsClosingDelimiter() {
        FramerChecks.verifyByteByByte(Self.frames, { JT808Framer() })
    }

    @Test func capturesAllAtOnce_afterGarbage_comeOutInOrder() {
        FramerChecks.verifyConcatenated(Self.frames, after: Array("$$\r\n".utf8), { JT808Framer() })
    }

    @Test func textLine_isCutAtItsClosingParenthesis() {
        var framer = JT808Framer()
        let line = Array("(794104004140,1,001,BASE,2,TIME)".utf8)
        let cut = framer.cutAll(line + Self.frames[0])
        #expect(cut.frames == [line, Self.frames[0]] && cut.remainder.isEmpty)
    }

    @Test func doubledDelimiter_dropsTheFirst_soTheNextFrameIsWhole() {
        var framer = JT808Framer()
        let cut = framer.cutAll([0x7E] + Self.frames[0])
        #expect(cut.frames == [Self.frames[0]] && cut.discarded == 1)
    }

    @Test func frameWithoutItsClosingDelimiter_needsMore() {
        var framer = JT808Framer()
        let cut = framer.cutAll(Array(Self.frames[0].dropLast()))
        #expect(cut.frames.isEmpty && cut.remainder.count == Self.frames[0].count - 1)
    }

    /// What Traccar's frame decoder hands on: the frame with `7D 01` / `7D 02` resolved.
    static func unescaped(_ frame: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < frame.count {
            if frame[index] == 0x7D, index + 1 < frame.count {
                out.append(frame[index + 1] == 0x01 ? 0x7D : 0x7E)
                index += 2
            } else {
                out.append(frame[index])
                index += 1
            }
        }
        return out
    }
}
