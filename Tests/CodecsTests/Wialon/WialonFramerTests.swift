import Codecs
import Testing
import TestSupport

/// Cuts Wialon TCP streams into lines.
@Suite struct WialonFramerTests {
    static let lines = Captures.of("wialon").map { Array(($0.payload + "\r\n").utf8) }

    @Test func everyCapture_needsMoreUntilItsLineEnd() {
        FramerChecks.verifyByteByByte(Self.lines, { WialonFramer() })
    }

    @Test func capturesAllAtOnce_afterBlankLines_comeOutInOrder() {
        FramerChecks.verifyConcatenated(Self.lines, after: Array("\r\n \n".utf8), { WialonFramer() })
    }

    @Test func bareLineFeeds_endLinesToo() {
        var framer = WialonFramer()
        #expect(framer.cutAll(Array("#P#\n#P#\n".utf8)).frames == [Array("#P#\n".utf8), Array("#P#\n".utf8)])
    }
}
