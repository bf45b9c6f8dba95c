import Testing
import Codecs
import TestSupport

@Suite struct TK103RobustnessTests {
    @Test func randomAndMutatedInput_neverCrashes() {
        let seeds = Captures.of("tk103").map(\.bytes)
        let framesCut = CodecRobustness.hammer(TK103Codec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
