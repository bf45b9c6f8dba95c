import TestSupport
import Testing
@testable import Benchmarks

@Suite struct DecodeBenchmarkTests {
    @Test func sampleFrames_areTheRealCapturesTheyName() {
        let lines = [8, 2, 11, 150, 166]
        let captures = lines.map { line in Captures.all[line - 1] }
        #expect(DecodeBenchmark.sampleFrames.map(\.protocol) == captures.map(\.protocol))
        #expect(DecodeBenchmark.sampleFrames.map { Array($0.payload) } == captures.map(\.bytes))
    }

    @Test func run_decodesTheMixWithoutRejects() {
        let result = DecodeBenchmark.run(frames: 500)
        #expect(result.frames == 500 && result.rejects == 0)
        #expect(result.positions > 500, "the Teltonika packets carry several records each")
        #expect(result.framesPerSecond > 0 && result.seconds > 0)
        #expect(result.cpuSeconds > 0 && result.cpuSeconds < result.seconds * 1.5, "one thread's CPU time fits in its wall time")
    }

    @Test func codecsOnly_measuresTheSameFramesWithoutTheCore() throws {
        #expect(try DecodeBenchmark.codecsOnly(frames: 500) > 0)
    }
}
