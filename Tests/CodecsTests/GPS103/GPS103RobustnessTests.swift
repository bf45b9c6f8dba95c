import Testing
import Codecs
import TestSupport

@Suite struct GPS103RobustnessTests {
    @Test func randomAndMutatedInput_neverCrashes() {
        let seeds = Captures.of("gps103").map(\.bytes)
        let framesCut = CodecRobustness.hammer(GPS103Codec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
