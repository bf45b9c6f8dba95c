import Codecs
import Testing
import TestSupport

/// Random and mutated input never crashes or hangs the Teltonika codec.
@Suite struct TeltonikaRobustnessTests {
    @Test func hammer_survivesRandomAndMutatedInput() {
        let seeds = Captures.of("teltonika").map(\.bytes)
        let framesCut = CodecRobustness.hammer(TeltonikaCodec(), seeds: seeds, cases: CodecRobustness.caseCount())
        #expect(framesCut > 0)
    }

    @Test func udpDatagrams_survive() {
        let codec = TeltonikaCodec()
        let udp = SessionContext(transport: .udp)
        let decodeContext = DecodeContext(transport: .udp, receivedAtMs: 1_700_000_000_000)
        let seed = Captures.of("teltonika").first { $0.transport == "udp" }!.bytes
        for end in 0...seed.count {
            _ = codec.examine(Array(seed[..<end]), context: udp)
            _ = try? codec.decode(Array(seed[..<end]), context: decodeContext)
        }
    }
}
