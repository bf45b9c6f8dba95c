import Codecs
import Testing
import TestSupport

/// Random and mutated input never crashes or hangs the Galileosky codec.
@Suite struct GalileoRobustnessTests {
    @Test func hammer_survivesRandomAndMutatedInput() {
        let seeds = Captures.of("galileo").map(\.bytes)
        let framesCut = CodecRobustness.hammer(GalileoCodec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }

    @Test func compressedIridium_survivesEveryTruncation() {
        let codec = GalileoCodec()
        let seed = Captures.of("galileo").first { $0.note.contains("Compressed=true") }!.bytes
        for end in 0...seed.count {
            _ = codec.examine(Array(seed[..<end]), context: SessionContext())
            _ = try? codec.decode(Array(seed[..<end]), context: DecodeContext(deviceId: "1", options: ["Compressed": "true"], receivedAtMs: 1))
        }
    }
}
