import Codecs
import Testing
import TestSupport

/// Watch framing: the frame-decoder captures, every decoder capture fed byte by byte and all at
/// once, and garbage before a frame. Frames keep their escaped wire form; the captures' expected
/// frames are compared after `WatchEscaping.unescape`.
@Suite struct WatchFramerTests {
    /// The JXTK voice chunk (609) is stored unescaped: its raw AMR bytes hold unbalanced brackets
    /// that travel escaped on the wire, so as stored it is not a frame a device could send.
    static let notWireFrames: Set<Int> = [609]

    static var wireFrames: [[UInt8]] {
        Captures.of("watch").filter { !$0.isFramerTest && !$0.isDownlink && !notWireFrames.contains($0.line) }.map(\.bytes)
    }

    @Test(arguments: Captures.of("watch").filter(\.isFramerTest))
    func framerCapture_cutsTheExpectedFrame(_ capture: Capture) {
        guard case .framer(let expected, let noFrame) = capture.expectation.check else { return }
        var framer = WatchFramer()
        let cut = framer.cutAll(capture.bytes)
        if noFrame {
            #expect(cut.frames.isEmpty)
        } else {
            #expect(cut.frames.count == 1 && cut.frames.first.map(WatchEscaping.unescape) == (expected ?? capture.bytes))
        }
    }

    @Test func everyWireFrame_fedByteByByte_isCutWhole() {
        #expect(Self.wireFrames.count == 30)
        for frame in Self.wireFrames {
            #expect(FramerChecks.feedsByteByByte({ WatchFramer() }, frame), "\(String(decoding: frame.prefix(40), as: UTF8.self))")
        }
    }

    @Test func allWireFrames_concatenated_areCutInOrder() {
        var framer = WatchFramer()
        let cut = framer.cutAll(Self.wireFrames.flatMap { $0 })
        #expect(cut.frames == Self.wireFrames && cut.discarded == 0 && cut.remainder.isEmpty)
    }

    @Test func garbageBeforeAFrame_isDiscarded() {
        let garbage = Array("]]\r\nxx".utf8)
        let frame = Array("[SG*8800000015*0002*LK]".utf8)
        var framer = WatchFramer()
        let cut = framer.cutAll(garbage + frame)
        #expect(cut.frames == [frame] && cut.discarded == garbage.count)
    }

    @Test func escapedBinary_roundTrips() {
        let raw: [UInt8] = [0x7D, 0x5B, 0x5D, 0x2C, 0x2A, 0xFF, 0x7D, 0x06]
        let escaped = WatchEscaping.escape(raw)
        #expect(!escaped.contains(0x5B) && !escaped.contains(0x5D))
        #expect(WatchEscaping.unescape(escaped) == raw)
    }
}
