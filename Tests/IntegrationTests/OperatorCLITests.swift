import Foundation
import Testing
import TestSupport

/// `tw` commands that need no bus of their own, and `tw bench bus` as a smoke check (benchmarks
/// print numbers; tests never assert on timing).
@Suite struct OperatorCLITests {
    @Test func keygen_printsACurveKeyPairAsEnvironmentLines() async throws {
        let keygen = try tw("keygen")
        #expect(await keygen.waitForExit() == .exited(0))
        let lines = keygen.lines()
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix("TW_CURVE_PUBLIC_KEY=") == true)
        #expect(lines.last?.hasPrefix("TW_CURVE_SECRET_KEY=") == true)
        #expect(lines.allSatisfy { $0.split(separator: "=", maxSplits: 1).last?.count == 40 })
    }

    @Test(arguments: [
        ["tap", "--count", "0"],
        ["tap", "--endpoint", "nowhere"],
        ["publish", "pos.00.x", "{not json"],
        ["publish", "nosuchkind.x", "{}"],
        ["status", "--wait", "-1"],
        ["frobnicate"],
    ])
    func tw_withBadArguments_exitsTwoWithOneLine(arguments: [String]) async throws {
        let process = try TestProcess(Executables.url("tw"), arguments)
        #expect(await process.waitForExit() == .exited(2))
        #expect(process.lines(.stderr).count == 1, "stderr: \(process.stderr)")
        #expect(process.stderr.hasPrefix("tw: "))
    }

    @Test func benchBus_startsItsOwnBusWhenNoneAnswers_andPrintsBothRatesAndTheRatio() async throws {
        let nobody = FreePorts.allocate(2).map { "tcp://127.0.0.1:\($0)" }
        let bench = try tw("bench", "bus", "--messages", "2000", "--patience", "2", "--frames-in", nobody[0], "--frames-out", nobody[1])
        #expect(await bench.waitForExit(timeout: .seconds(60)) == .exited(0), "stderr: \(bench.stderr)")
        try Self.expectReport(bench.lines())
        #expect(bench.lines().first?.contains("tw-bus started at") == true)
    }

    @Test func benchBus_usesARunningBus() async throws {
        let bus = try await TestBus()
        let bench = try tw("bench", "bus", "--messages", "2000", "--frames-in", bus.endpoint("frames-in"), "--frames-out", bus.endpoint("frames-out"))
        #expect(await bench.waitForExit(timeout: .seconds(60)) == .exited(0), "stderr: \(bench.stderr)")
        try Self.expectReport(bench.lines())
        #expect(bench.lines().first?.contains("tw-bus at \(bus.endpoint("frames-in"))") == true)
    }

    /// `bus: N msg/s (...)`, `raw: N msg/s (...)`, `ratio bus/raw: R (...)`, with every message counted.
    static func expectReport(_ lines: [String]) throws {
        try #require(lines.count == 3, "\(lines)")
        #expect(lines[0].hasPrefix("bus: ") && lines[0].contains(" msg/s (2000 messages of 100 bytes"))
        #expect(lines[1].hasPrefix("raw: ") && lines[1].contains(" msg/s (2000 messages of 100 bytes"))
        let ratio = lines[2].split(separator: " ").dropFirst(2).first.flatMap { Double($0) }
        #expect(lines[2].hasPrefix("ratio bus/raw: ") && ratio != nil)
    }
}
