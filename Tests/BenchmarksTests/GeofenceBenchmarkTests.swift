import Benchmarks
import Testing

@Suite struct GeofenceBenchmarkTests {
    @Test func run_baselineScanFindsWhatTheIndexFinds() throws {
        let result = try GeofenceBenchmark.run(fences: 200, vertices: 12, checks: 20_000)
        #expect(result.fences == 200 && result.checks == 20_000)
        #expect(result.scanChecks == 100, "as many fence tests as the indexed run had checks")
        #expect(result.scanHits == result.indexedHitsOnScanPoints, "the R-tree must find exactly the fences a full scan finds")
        #expect(result.hits > 0, "the sample points are placed near fences")
    }
}
