import Codecs
import Testing
import TestSupport

@Suite struct WatchRobustnessTests {
    @Test func randomAndMutatedInput_neverCrashes() {
        let seeds = Captures.of("watch").map(\.bytes)
        let framesCut = CodecRobustness.hammer(WatchCodec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
