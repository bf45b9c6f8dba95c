import Testing
@testable import Codecs
import TestSupport

@Suite struct GL200RobustnessTests {
    @Test func randomAndMutatedInput_neverCrashes() {
        let seeds = Captures.of("gl200").map(\.bytes)
        let framesCut = CodecRobustness.hammer(GL200Codec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
