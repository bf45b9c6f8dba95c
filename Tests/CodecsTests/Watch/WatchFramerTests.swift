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
        FramerChecks.verifyFramerCapture(capture, { WatchFramer() }, content: WatchEscaping.unescape)
    }

    @Test func everyWireFrame_fedByteByByte_isCutWhole() {
        #expect(Self.wireFrames.count == 30)
        FramerChecks.verifyByteByByte(Self.wireFrames, { WatchFramer() })
    }

    @Test func allWireFrames_concatenated_areCutInOrder() {
        FramerChecks.verifyConcatenated(Self.wireFrames, { WatchFramer() })
    }

    @Test func garbageBeforeAFrame_isDiscarded() {
        FramerChecks.verifyConcatenated(Array(Self.wireFrames.prefix(2)), after: Array("]]\r\nxx".utf8), { WatchFramer() })
    }

    @Test func escapedBinary_roundTrips() {
        let raw: [UInt8] = [0x7D, 0x5B, 0x5D, 0x2C, 0x2A, 0xFF, 0x7D, 0x06]
        let escaped = WatchEscaping.escape(raw)
        #expect(!escaped.contains(0x5B) && !escaped.contains(0x5D))
        #expect(WatchEscaping.unescape(escaped) == raw)
    }
}
