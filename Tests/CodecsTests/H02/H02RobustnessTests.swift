import Testing
import Codecs
import TestSupport

@Suite struct H02RobustnessTests {
    @Test func randomAndMutatedInput_neverCrashes() {
        let seeds = Captures.of("h02").map(\.bytes)
        let framesCut = CodecRobustness.hammer(H02Codec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
