import Foundation
import Testing
import TrackwireTesting

/// `tw bench abuse --quick` runs end to end and prints its ratio line (the figures are not checked:
/// benchmarks measure, tests do not time).
@Suite struct BenchAbuseTests {
    @Test func quickRun_printsTheHonestFleetsRatioAndTheGatewaysMemory() async throws {
        let bench = try ChildProcess(trackwire: "tw", ["bench", "abuse", "--quick"])
        defer { bench.stop(signal: SIGKILL) }
        let exit = await bench.waitForExit(timeout: .seconds(120))
        #expect(exit == .exited(0), "\(bench.tail())")
        let line = try #require(bench.lines(.stdout).first { $0.hasPrefix("abuse: ") }, "\(bench.tail())")
        #expect(line.contains("ratio ") && line.contains("gateway RSS") && line.contains("200 never-login connections"), "\(line)")
    }
}
