import Codecs
import Testing
import TestSupport

/// Random and mutated input never crashes or hangs the Topin codec.
@Suite struct TopinRobustnessTests {
    @Test func hammer_survivesRandomAndMutatedInput() {
        let seeds = Captures.of("topin").map(\.bytes)
        let framesCut = CodecRobustness.hammer(TopinCodec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
