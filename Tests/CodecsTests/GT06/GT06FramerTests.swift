import Codecs
import Testing
import TestSupport

/// The GT06 framer against the frame-splitter captures, byte-by-byte feeding, one concatenated
/// stream of every capture, and garbage.
@Suite struct GT06FramerTests {
    static let captures = Captures.of("gt06")
    static let framerCaptures = captures.filter(\.isFramerTest)
    /// Decoder captures that are not one self-delimited frame, with what the framer must make of them.
    static let notSingleFrames: [Int: String] = [
        53: "declared length is one byte longer than the frame and the 0D 0A is missing: needs more",
        108: "three 7979 frames given to the decoder as one input: three frames",
    ]
    static let singleFrames = captures.filter { !$0.isFramerTest && notSingleFrames[$0.line] == nil }

    @Test(arguments: framerCaptures)
    func framerCapture_cutsTheExpectedFrame(_ capture: Capture) {
        guard case .framer(let expected, let noFrame) = capture.expectation.check else { return }
        var framer = GT06Codec().makeFramer()
        let cut = framer.cutAll(capture.bytes)
        #expect(cut.frames == (noFrame ? [] : [expected ?? capture.bytes]))
        #expect(cut.discarded == 0)
    }

    @Test(arguments: singleFrames)
    func singleFrame_fedByteByByte_needsMoreUntilComplete(_ capture: Capture) {
        var framer = GT06Codec().makeFramer()
        let bytes = capture.bytes
        for end in 1..<bytes.count {
            #expect(bytes[..<end].withUnsafeBytes { framer.cut($0) } == .needMore, "prefix of \(end) bytes")
        }
        #expect(bytes.withUnsafeBytes { framer.cut($0) } == .frame(length: bytes.count))
    }

    @Test func unterminatedCapture_needsMore() {
        var framer = GT06Codec().makeFramer()
        let cut = framer.cutAll(Self.capture(line: 53).bytes)
        #expect(cut.frames.isEmpty && cut.remainder.count == Self.capture(line: 53).bytes.count)
    }

    @Test func threeFrameCapture_cutsThreeFrames_sameFedByteByByte() {
        let bytes = Self.capture(line: 108).bytes
        var framer = GT06Codec().makeFramer()
        let frames = framer.cutAll(bytes).frames
        #expect(frames.count == 3 && frames.joined().count == bytes.count)
        #expect(Self.feedByteByByte(bytes) == frames)
    }

    @Test func everyCaptureConcatenated_cutsTheSameFramesInOrder() {
        let streams = Self.captures.filter { $0.line != 53 }.map(\.bytes)
        var expected: [[UInt8]] = []
        for stream in streams {
            var framer = GT06Codec().makeFramer()
            expected += framer.cutAll(stream).frames
        }
        var framer = GT06Codec().makeFramer()
        let cut = framer.cutAll(streams.flatMap { $0 })
        #expect(cut.frames == expected)
        #expect(cut.discarded == 0 && cut.remainder.isEmpty)
        #expect(Self.feedByteByByte(streams.flatMap { $0 }) == expected)
    }

    @Test func garbageBeforeAFrame_isDiscarded() {
        let frame = Self.capture(line: 40).bytes
        let garbage: [UInt8] = [0x00, 0x78, 0x0D, 0x0A, 0x79, 0x41, 0x42]
        var framer = GT06Codec().makeFramer()
        let cut = framer.cutAll(garbage + frame + [0x78])
        #expect(cut.frames == [frame])
        #expect(cut.discarded == garbage.count)
        #expect(cut.remainder == [0x78])
    }

    @Test func extendedFrameWithTerminatorInsideText_isCutByItsLength_fedByteByByte() {
        let frame = Self.capture(line: 19).bytes  // 0x9B serial data "D7520A62\r\n"
        #expect(Self.feedByteByByte(frame + frame) == [frame, frame])
    }

    @Test func shortFrameWithTerminatorInsidePayload_isCutByItsLength_whenWhole() {
        // A 0x13 status frame whose serial is 0D 0A.
        let frame: [UInt8] = [0x78, 0x78, 0x0A, 0x13, 0x06, 0x04, 0xEA, 0x04, 0x00, 0x0D, 0x0A, 0xBC, 0x8A, 0x0D, 0x0A]
        var framer = GT06Codec().makeFramer()
        #expect(framer.cutAll(frame + frame).frames == [frame, frame])
    }

    @Test func shortFrameLongerByItsLengthField_isCutAtTheTerminator() {
        // Traccar's splitter: fewer bytes than the length says, but a 0D 0A ends the frame.
        let frame = Self.capture(line: 136).bytes
        #expect(Self.feedByteByByte(frame + frame) == [frame, frame])
    }

    @Test func garbageOnly_isDiscardedExceptAPossibleHeaderStart() {
        var framer = GT06Codec().makeFramer()
        let cut = framer.cutAll([0x01, 0x02, 0x0D, 0x0A, 0x79])
        #expect(cut.frames.isEmpty && cut.discarded == 4 && cut.remainder == [0x79])
    }

    @Test func extendedFrameWithAnUntrustedLength_isCutAtTheTerminator() {
        // A 7979 header claiming 0xFFFF bytes would stall the stream; it ends at the first 0D 0A.
        let broken: [UInt8] = [0x79, 0x79, 0xFF, 0xFF, 0x94, 0x00, 0x00, 0x01, 0x00, 0x00, 0x0D, 0x0A]
        let next = Self.capture(line: 40).bytes
        var framer = GT06Codec().makeFramer()
        #expect(framer.cutAll(broken + next).frames == [broken, next])
    }

    static func capture(line: Int) -> Capture { captures.first { $0.line == line }! }

    /// Feeds `bytes` one at a time, cutting whenever the framer finds a frame.
    static func feedByteByByte(_ bytes: [UInt8]) -> [[UInt8]] {
        var framer = GT06Codec().makeFramer()
        var buffer: [UInt8] = []
        var frames: [[UInt8]] = []
        for byte in bytes {
            buffer.append(byte)
            var progress = true
            while progress && !buffer.isEmpty {
                switch buffer.withUnsafeBytes({ framer.cut($0) }) {
                case .needMore: progress = false
                case .frame(let length): frames.append(Array(buffer[..<length])); buffer.removeFirst(length)
                case .discard(let count, _): buffer.removeFirst(count)
                }
            }
        }
        return frames
    }
}
