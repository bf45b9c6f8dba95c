import Testing
import Codecs
import TestSupport

@Suite struct H02FramerTests {
    static let captures = Captures.of("h02")
    static let singles = captures.filter { !$0.isFramerTest && !$0.isDownlink }

    @Test(arguments: captures.filter(\.isFramerTest))
    func framerCapture_cutsTheFramesItsNoteNames(_ capture: Capture) {
        TextProtoFraming.verifyFramerCapture(capture, framer: H02Framer())
    }

    /// Binary reports other than 32 bytes can only be told apart byte by byte when the length is
    /// configured (Traccar's `h02.messageLength`); the default framer learns 45 from the stream.
    @Test(arguments: singles)
    func singleFrame_fedByteByByte_isCutOnceComplete(_ capture: Capture) {
        let frame = Self.frame(capture)
        let isLongBinary = frame.first == UInt8(ascii: "$") && frame.count != 32
        let framer = H02Framer(messageLength: isLongBinary ? frame.count : nil)
        TextProtoFraming.verifyByteByByte(frame, stream: capture.bytes, framer: framer, "\(capture)")
    }

    @Test func textCaptures_concatenatedWithGarbage_comeOutInOrder() {
        let frames = Self.singles.map(Self.frame).filter { $0.first == UInt8(ascii: "*") }
        TextProtoFraming.verifyConcatenated(frames, separator: Array("garbage\r\n".utf8), framer: H02Framer())
    }

    /// Garbage right after a binary report would look like the tail of a 45-byte one, so the
    /// mixed stream is separated by line breaks only.
    @Test func textAndShortBinaryCaptures_concatenated_comeOutInOrder() {
        let frames = Self.singles.map(Self.frame).filter { $0.first == UInt8(ascii: "*") || $0.count == 32 }
        #expect(frames.contains { $0.count == 32 && $0.first == UInt8(ascii: "$") })
        TextProtoFraming.verifyConcatenated(frames, separator: [0x0D, 0x0A], framer: H02Framer())
    }

    @Test func longBinaryReports_inOneStream_areCutAt45Bytes() {
        let frames = Self.singles.map(Self.frame).filter { $0.first == UInt8(ascii: "$") && $0.count == 45 }
        #expect(frames.count >= 4)
        TextProtoFraming.verifyConcatenated(frames, framer: H02Framer())
    }

    @Test func exactly32Bytes_isAShortReport_untilLongerReportsWereSeen() {
        let short = Array(repeating: UInt8(ascii: "$"), count: 1) + Array(repeating: 0x11, count: 31)
        var fresh = H02Framer()
        #expect(fresh.cutAll(short).frames == [short])
        var learned = H02Framer()
        let long = short + Array(repeating: 0x22, count: 13)
        #expect(learned.cutAll(long + long).frames == [long, long])
        #expect(learned.cutAll(short).frames.isEmpty)
    }

    @Test func crlfAfterText_isDiscarded() {
        var framer = H02Framer()
        let result = framer.cutAll(Array("*HQ,1,V0#\r\n*HQ,1,V0#".utf8))
        #expect(result.frames.count == 2 && result.discarded == 2)
    }

    /// The capture without the CR/LF that may follow a text frame.
    static func frame(_ capture: Capture) -> [UInt8] {
        var bytes = capture.bytes
        if bytes.first == UInt8(ascii: "*") {
            while let last = bytes.last, last == 0x0D || last == 0x0A { bytes.removeLast() }
        }
        return bytes
    }
}
