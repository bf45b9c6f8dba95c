import Testing
@testable import Codecs
import TestSupport

@Suite struct GL200FramerTests {
    static let captures = Captures.of("gl200")

    /// A capture as it arrives on a stream: text reports end with `$` (some captures lost it).
    static func streamFrame(_ capture: Capture) -> [UInt8] {
        let bytes = capture.bytes
        return capture.kind == "text" && bytes.last != UInt8(ascii: "$") ? bytes + Array("$".utf8) : bytes
    }

    static var singleFrames: [Capture] { captures.filter { !$0.isFramerTest } }

    @Test(arguments: captures.filter(\.isFramerTest))
    func framerCapture_cutsTheExpectedFrame(_ capture: Capture) {
        guard case .framer(let expected, let noFrame) = capture.expectation.check else {
            Issue.record("\(capture) is not a framer capture")
            return
        }
        var framer = GL200Framer()
        let result = framer.cutAll(capture.bytes)
        #expect(result.frames == (noFrame ? [] : [expected ?? capture.bytes]))
    }

    @Test(arguments: singleFrames)
    func frame_fedByteByByte_needsMoreUntilComplete(_ capture: Capture) {
        let frame = Self.streamFrame(capture)
        var framer = GL200Framer()
        for length in 1..<frame.count {
            let decision = frame[..<length].withUnsafeBytes { framer.cut($0) }
            #expect(decision == .needMore, "\(capture): prefix \(length) gave \(decision)")
            if decision != .needMore { return }
        }
        #expect(frame.withUnsafeBytes { framer.cut($0) } == .frame(length: frame.count), "\(capture)")
    }

    @Test func allFramesConcatenated_cutInOrder() {
        let frames = Self.singleFrames.map(Self.streamFrame)
        var framer = GL200Framer()
        let result = framer.cutAll(frames.flatMap { $0 })
        #expect(result.frames == frames)
        #expect(result.discarded == 0 && result.remainder.isEmpty)
    }

    @Test func garbageBeforeFrames_isDiscarded() {
        let frames = Self.singleFrames.prefix(20).map(Self.streamFrame)
        var stream = Array("\r\nnoise".utf8)
        for frame in frames { stream += [0x0D, 0x0A] + frame }
        var framer = GL200Framer()
        let result = framer.cutAll(stream)
        #expect(result.frames == frames)
        #expect(result.discarded == 7 + 2 * frames.count)
    }

    @Test func textReport_endsAtNulLikeTheGT300Dialect() {
        let report = Array("+RESP:GTTRI,135790246811220,1,0,0\0".utf8)
        var framer = GL200Framer()
        #expect(framer.cutAll(report + Array("+ACK".utf8)).frames == [report])
    }

    @Test func binaryLengthShorterThanItsHeader_isDiscarded() {
        var framer = GL200Framer()
        let broken: [UInt8] = [0x2B, 0x48, 0x42, 0x44, 0x01, 0x02, 0x00]
        #expect(broken.withUnsafeBytes { framer.cut($0) } == .discard(count: 1, reason: "bad_length"))
    }
}
