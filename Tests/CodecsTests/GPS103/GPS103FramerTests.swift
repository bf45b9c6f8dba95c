import Testing
import Codecs
import TestSupport

@Suite struct GPS103FramerTests {
    static let singles = Captures.of("gps103").filter { !$0.isFramerTest && !$0.isDownlink }

    @Test(arguments: Captures.of("gps103").filter(\.isFramerTest))
    func framerCapture_cutsTheFramesItsNoteNames(_ capture: Capture) {
        TextProtoFraming.verifyFramerCapture(capture, framer: GPS103Framer())
    }

    /// Traccar's test strings often lack the line terminator a device sends; it is added here,
    /// so until it arrives the framer must keep waiting.
    @Test(arguments: singles)
    func singleLine_fedByteByByte_isCutAtItsTerminator(_ capture: Capture) {
        TextProtoFraming.verifyByteByByte(Self.frame(capture), framer: GPS103Framer(), "\(capture)")
    }

    @Test func allLines_concatenatedWithBlankLines_comeOutInOrder() {
        let frames = Self.singles.map(Self.frame)
        TextProtoFraming.verifyConcatenated(frames, separator: Array("\r\n;".utf8), framer: GPS103Framer())
    }

    @Test func crlfTerminatedLine_keepsItsTerminator() {
        var framer = GPS103Framer()
        let result = framer.cutAll(Array("359586015829802\r\nimei:1,tracker;".utf8))
        #expect(result.frames == [Array("359586015829802\r\n".utf8), Array("imei:1,tracker;".utf8)])
    }

    static func frame(_ capture: Capture) -> [UInt8] {
        let bytes = capture.bytes
        return [UInt8(ascii: ";"), UInt8(ascii: "*")].contains(bytes.last) ? bytes : bytes + [UInt8(ascii: ";")]
    }
}
