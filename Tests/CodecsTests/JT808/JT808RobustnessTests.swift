import Codecs
import Testing
import TestSupport

/// Random and mutated input never crashes or hangs the JT808 codec.
@Suite struct JT808RobustnessTests {
    @Test func hammer_survivesRandomAndMutatedInput() {
        let seeds = Captures.of("jt808").map(\.bytes)
        let framesCut = CodecRobustness.hammer(JT808Codec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }

    @Test func everyTruncation_ofEveryCapture_returnsOrThrows() {
        let codec = JT808Codec()
        for capture in Captures.of("jt808") where capture.isFrame {
            let bytes = capture.bytes
            for end in 0...bytes.count {
                _ = codec.examine(Array(bytes[..<end]), context: SessionContext(receivedAtMs: 1))
                _ = try? codec.decode(Array(bytes[..<end]), context: DecodeContext(deviceId: "1", receivedAtMs: 1))
            }
        }
    }
}
