import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting

/// `tw status` against a real tw-bus.
@Suite struct StatusTests {
    /// A heartbeat as a second process would send it.
    static let probe = Heartbeat.with {
        $0.stage = "probe"
        $0.instance = "probe-\(UUID().uuidString.prefix(6).lowercased())"
        $0.pid = 4242
        $0.uptimeS = 75
        $0.counters = ["received": 12, "sent": 11]
        $0.httpAddress = "127.0.0.1:9999"
        $0.timeMs = Int64(Date().timeIntervalSince1970 * 1000)
        $0.healthProblems = ["probe: testing"]
    }

    @Test func status_listsTheBusAndASecondProcess() async throws {
        let bus = try await BusProcess.start()
        let peers = try TestSockets()
        let sender = try HeartbeatSender(context: peers.context, endpoint: bus.broadcastIn, heartbeat: Self.probe)

        let table = try tw("status", "--endpoint", bus.broadcastOut, "--wait", "2.5")
        let verbose = try tw("status", "--endpoint", bus.broadcastOut, "--wait", "2.5", "--verbose")
        let json = try tw("status", "--endpoint", bus.broadcastOut, "--wait", "2.5", "--json")
        let (tableExit, verboseExit, jsonExit) = (await table.waitForExit(), await verbose.waitForExit(), await json.waitForExit())
        try await sender.stop()

        #expect(tableExit == .exited(0), "stderr: \(table.stderr)")
        let rows = table.lines().map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.first == ["STAGE", "INSTANCE", "IN/S", "OUT/S", "ERRORS", "LOAD", "HB", "HEALTH"])
        let busRow = try #require(rows.first { $0.first == "bus" && $0.dropFirst().first == bus.instance }, "\(table.stdout)")
        #expect(busRow[2] != "-" && busRow.last == "ok", "the bus sends a heartbeat a second: two give rates")
        #expect(busRow.contains("blocked/s"), "the bus's load: how often its forwarders waited")
        let probeRow = try #require(rows.first { $0.first == "probe" }, "\(table.stdout)")
        #expect(probeRow.prefix(6) == ["probe", Self.probe.instance, "-", "-", "0", "-"], "one unchanging heartbeat: no rates")
        #expect(probeRow.suffix(3) == ["FAILING", "probe:", "testing"])
        #expect(table.lines().allSatisfy { $0.count <= 120 })

        #expect(verboseExit == .exited(0))
        #expect(verbose.stdout.contains("probe \(Self.probe.instance)  pid 4242  up 1m15s  http 127.0.0.1:9999"))
        #expect(verbose.stdout.contains("received=12 sent=11"))
        #expect(verbose.stdout.contains("sent.broadcast="))

        #expect(jsonExit == .exited(0))
        let objects = try json.lines().map { try JSONValue.parse(Array($0.utf8)) }
        #expect(objects.contains { $0["stage"] == "bus" && $0["instance"]?.stringValue == bus.instance && $0["pid"] == .int(Int64(bus.process.pid)) })
        let probe = try #require(objects.first { $0["stage"] == "probe" })
        #expect(probe["counters"]?["received"] == "12" && probe["healthy"] == .bool(false) && probe["in_per_s"] == .null)
    }

    @Test func status_withNoHeartbeats_exitsOneWithAClearMessage() async throws {
        let quiet = try tw("status", "--endpoint", "tcp://127.0.0.1:\(FreePorts.one())", "--wait", "0.5")
        #expect(await quiet.waitForExit() == .exited(1))
        #expect(quiet.lines(.stderr).count == 1)
        #expect(quiet.stderr.contains("no heartbeat"))
    }
}
