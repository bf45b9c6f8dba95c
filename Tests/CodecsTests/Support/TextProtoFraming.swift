import Foundation
import Testing
import Codecs
import TestSupport

/// Framer checks shared by the text-protocol codecs.
enum TextProtoFraming {
    /// A `frame decoder test` capture: the frame(s) the note names, or none.
    static func verifyFramerCapture(_ capture: Capture, framer: some Framer) {
        guard case .framer(let expected, let noFrame) = capture.expectation.check else { return }
        var framer = framer
        let frames = framer.cutAll(capture.bytes).frames
        if noFrame {
            #expect(frames.isEmpty, "\(capture)")
            return
        }
        var wanted = [expected ?? capture.bytes]
        if let next = capture.note.firstMatch(of: /next frame = hex ([0-9a-fA-F]+)/).flatMap({ Hex.decode(String($0.1)) }) {
            wanted.append(next)
        }
        #expect(Array(frames.prefix(wanted.count)) == wanted, "\(capture)")
    }

    /// Feeds `stream` one byte at a time: every prefix shorter than the frame needs more, the full
    /// frame is cut exactly.
    static func verifyByteByByte(_ frame: [UInt8], stream: [UInt8]? = nil, framer: some Framer, _ label: String) {
        var framer = framer
        let stream = stream ?? frame
        for length in 1..<frame.count {
            let decision = stream[..<length].withUnsafeBytes { framer.cut($0) }
            guard decision == .needMore else {
                Issue.record("\(label): prefix of \(length) bytes gave \(decision)")
                return
            }
        }
        let decision = stream[..<frame.count].withUnsafeBytes { framer.cut($0) }
        #expect(decision == .frame(length: frame.count), "\(label)")
    }

    /// Cuts `frames` joined into one buffer (with `separator` before each) and expects them back in order.
    static func verifyConcatenated(_ frames: [[UInt8]], separator: [UInt8] = [], framer: some Framer) {
        var framer = framer
        let stream = frames.flatMap { separator + $0 }
        let result = framer.cutAll(stream)
        #expect(result.frames.count == frames.count)
        #expect(result.frames == frames, "first difference at frame \(frames.indices.first { $0 >= result.frames.count || result.frames[$0] != frames[$0] } ?? -1)")
        #expect(result.discarded == separator.count * frames.count)
        #expect(result.remainder.isEmpty)
    }
}
