import Codecs
import Testing
import TestSupport

@Suite struct SuntechRobustnessTests {
    @Test func randomAndMutatedInput_neverCrashes() {
        let seeds = Captures.of("suntech").map(\.bytes)
        let framesCut = CodecRobustness.hammer(SuntechCodec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
