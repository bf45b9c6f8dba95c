import Codecs
import Testing
import TestSupport

@Suite struct GT06RobustnessTests {
    @Test func hammer_neverCrashesAndCutsFrames() {
        let seeds = Captures.of("gt06").map(\.bytes)
        let framesCut = CodecRobustness.hammer(GT06Codec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
