import Codecs
import Testing
import TestSupport

/// Random and mutated input never crashes or hangs the Wialon codec.
@Suite struct WialonRobustnessTests {
    @Test func hammer_survivesRandomAndMutatedInput() {
        let seeds = Captures.of("wialon").map { Array(($0.payload + "\r\n").utf8) }
        let framesCut = CodecRobustness.hammer(WialonCodec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }
}
