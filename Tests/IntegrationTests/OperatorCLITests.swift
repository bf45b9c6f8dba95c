import Foundation
import Testing
import TrackwireTesting

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

    @Test func keygen_withOutAndAllow_writesAPrivateEnvFileAndAppendsTheAllowListLine() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-keygen-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (env, allow) = (directory.appendingPathComponent("decoder.env").path, directory.appendingPathComponent("curve-allow").path)
        for name in ["decoder", "storage"] {
            let keygen = try tw("keygen", "--out", env, "--allow", allow, "--name", name)
            #expect(await keygen.waitForExit() == .exited(0), "\(keygen.stderr)")
        }
        let lines = try String(contentsOfFile: env, encoding: .utf8).split(separator: "\n")
        let publicKey = try #require(lines.first { $0.hasPrefix("TW_CURVE_PUBLIC_KEY=") }).dropFirst("TW_CURVE_PUBLIC_KEY=".count)
        let mode = try FileManager.default.attributesOfItem(atPath: env)[.posixPermissions] as? Int
        #expect(mode == 0o600, "the secret key is readable by its owner only")
        let entries = try String(contentsOfFile: allow, encoding: .utf8).split(separator: "\n")
        #expect(entries.count == 2 && entries.last == "\(publicKey) # storage", "\(entries)")
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
        let process = try ChildProcess(trackwire: "tw", arguments)
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
        let bus = try await BusProcess.start()
        let bench = try tw("bench", "bus", "--messages", "2000", "--frames-in", bus.endpoint(.framesIn), "--frames-out", bus.endpoint(.framesOut))
        #expect(await bench.waitForExit(timeout: .seconds(60)) == .exited(0), "stderr: \(bench.stderr)")
        try Self.expectReport(bench.lines())
        #expect(bench.lines().first?.contains("tw-bus at \(bus.endpoint(.framesIn))") == true)
    }

    /// The whole pipeline (real tw-bus, tw-storage on SQLite, tw-push, a geofence shard, two decoders,
    /// a gateway) under `tw sim`: at a rate this machine carries easily, everything acked is stored
    /// and pushed, both latencies are measured, and every process is in the CPU/RSS table.
    @Test func benchE2E_atALowRate_storesAndPushesEverythingAcked_andReportsEveryProcess() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-e2e-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let bench = try tw("bench", "e2e", "--rates", "40", "--devices", "20", "--seconds", "4",
                           "--report", directory.appendingPathComponent("report").path, "--work-dir", directory.appendingPathComponent("work").path)
        #expect(await bench.waitForExit(timeout: .seconds(180)) == .exited(0), "stdout: \(bench.stdout)\nstderr: \(bench.stderr)")
        let json = try Data(contentsOf: directory.appendingPathComponent("report/e2e.json"))
        let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect((report["raw_messages_per_second"] as? Double ?? 0) > 0)
        let steps = try #require(report["steps"] as? [[String: Any]])
        try #require(steps.count == 1)
        let step = steps[0]
        let acked = step["acked"] as? Int ?? 0
        #expect(acked > 20, "\(step)")
        #expect(step["stored"] as? Int == acked, "\(step)")
        #expect(step["lost"] as? Int == 0)
        #expect((step["pushed"] as? Int ?? 0) >= acked, "\(step)")
        #expect(step["stored_latency_p99_ms"] is Double && step["pushed_latency_p99_ms"] is Double, "\(step)")
        let labels = Set((step["processes"] as? [[String: Any]] ?? []).compactMap { $0["label"] as? String })
        #expect(labels == ["bus", "storage", "push", "geofence-0", "decoder-1", "decoder-2", "gateway", "tw sim"])
        let markdown = try String(contentsOf: directory.appendingPathComponent("report/e2e.md"), encoding: .utf8)
        #expect(markdown.contains("| 40 | "))
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
