import Codecs
import Testing
import TestSupport

/// Cuts Teltonika TCP streams: framer captures, byte-by-byte feeding, concatenation, garbage.
@Suite struct TeltonikaFramerTests {
    static let framerCaptures = Captures.of("teltonika").filter(\.isFramerTest)

    /// TCP device→server captures whose length field describes the capture. Left out: lines 165,
    /// 168, 170 and 174, hand-edited in Traccar's tests so that the length field no longer matches
    /// the bytes (their notes say INCONSISTENT); Traccar's test feeds them to the decoder directly,
    /// and no length-based framer can cut them as one frame.
    static let singleFrames = Captures.of("teltonika").filter {
        !$0.isFramerTest && !$0.isDownlink && $0.transport == "tcp" && !$0.note.contains("INCONSISTENT")
    }

    @Test(arguments: framerCaptures)
    func framerCapture_cutsTheExpectedFrame(_ capture: Capture) {
        guard case .framer(let expected, let noFrame) = capture.expectation.check else {
            Issue.record("\(capture) is not a framer capture")
            return
        }
        var framer = TeltonikaFramer()
        let frames = framer.cutAll(capture.bytes).frames
        if noFrame {
            #expect(frames.isEmpty)
        } else {
            #expect(frames.first == (expected ?? capture.bytes))
        }
    }

    @Test func keepAliveBeforeLogin_isItsOwnFrame() {
        var framer = TeltonikaFramer()
        let imei = Hex.decode("000F313233343536373839303132333435")!
        #expect(framer.cutAll([0xFF] + imei).frames == [[0xFF], imei])
    }

    @Test(arguments: singleFrames)
    func byteByByte_needsMoreUntilTheWholeFrame(_ capture: Capture) {
        let bytes = capture.bytes
        var framer = TeltonikaFramer()
        for end in 1..<bytes.count {
            #expect(bytes[..<end].withUnsafeBytes { framer.cut($0) } == .needMore, "\(capture) prefix \(end)")
        }
        #expect(bytes.withUnsafeBytes { framer.cut($0) } == .frame(length: bytes.count))
    }

    @Test func concatenatedCaptures_cutIntoTheSameFramesInOrder() {
        let frames = Self.singleFrames.map(\.bytes)
        var framer = TeltonikaFramer()
        let result = framer.cutAll(frames.flatMap { $0 })
        #expect(result.frames == frames)
        #expect(result.discarded == 0 && result.remainder.isEmpty)
    }

    @Test(arguments: [Array("GET / HTTP/1.1\r\n".utf8), [0x12, 0x34, 0x00], [0x00, 0x00, 0x01], [0x00, 0x01, 0x02, 0x03]])
    func garbageBeforeFrames_isDiscarded(_ garbage: [UInt8]) {
        let frames = [Self.singleFrames[0].bytes, Self.singleFrames[1].bytes]
        var framer = TeltonikaFramer()
        let result = framer.cutAll(garbage + frames.flatMap { $0 })
        #expect(result.frames == frames)
        #expect(result.discarded == garbage.count)
    }

    @Test func implausibleDataLength_isDiscardedNotAwaited() {
        var framer = TeltonikaFramer()
        let bytes: [UInt8] = [0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFF]
        #expect(bytes.withUnsafeBytes { framer.cut($0) } == .discard(count: 1, reason: "bad_length"))
    }
}
