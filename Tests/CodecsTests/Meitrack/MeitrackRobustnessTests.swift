import Codecs
import Testing
import TestSupport

@Suite struct MeitrackRobustnessTests {
    @Test func randomAndMutatedInput_neverCrashes() {
        let seeds = Captures.of("meitrack").map(\.bytes)
        let framesCut = CodecRobustness.hammer(MeitrackCodec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
