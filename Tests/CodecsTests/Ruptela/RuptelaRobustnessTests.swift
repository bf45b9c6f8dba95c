import Codecs
import Testing
import TestSupport

/// Random and mutated input never crashes or hangs the Ruptela codec.
@Suite struct RuptelaRobustnessTests {
    @Test func hammer_survivesRandomAndMutatedInput() {
        let seeds = Captures.of("ruptela").map(\.bytes)
        let framesCut = CodecRobustness.hammer(RuptelaCodec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
