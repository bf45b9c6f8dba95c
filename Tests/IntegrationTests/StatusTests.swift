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
    }

    @Test func status_listsTheBusAndASecondProcess() async throws {
        let bus = try await BusProcess.start()
        let peers = try TestSockets()
        let sender = try HeartbeatSender(context: peers.context, endpoint: bus.broadcastIn, heartbeat: Self.probe)

        let table = try tw("status", "--endpoint", bus.broadcastOut, "--wait", "2.5")
        let json = try tw("status", "--endpoint", bus.broadcastOut, "--wait", "2.5", "--json")
        let (tableExit, jsonExit) = (await table.waitForExit(), await json.waitForExit())
        try await sender.stop()

        #expect(tableExit == .exited(0), "stderr: \(table.stderr)")
        let rows = table.lines().map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.first?.prefix(5) == ["STAGE", "INSTANCE", "PID", "UPTIME", "HTTP"])
        let busRow = try #require(rows.first { $0.first == "bus" && $0.dropFirst().first == bus.instance }, "\(table.stdout)")
        #expect(busRow[2] == String(bus.process.pid))
        #expect(busRow.contains { $0.hasPrefix("sent.broadcast=") })
        let probeRow = try #require(rows.first { $0.first == "probe" }, "\(table.stdout)")
        #expect(probeRow.prefix(5) == ["probe", Self.probe.instance, "4242", "1m15s", "127.0.0.1:9999"])
        #expect(probeRow.suffix(2) == ["received=12", "sent=11"])

        #expect(jsonExit == .exited(0))
        let beats = try json.lines().map { try Heartbeat(jsonString: $0) }
        #expect(beats.contains { $0.stage == "bus" && $0.instance == bus.instance && $0.pid == bus.process.pid })
        #expect(beats.contains { $0.stage == "probe" && $0.counters == Self.probe.counters })
    }

    @Test func status_withNoHeartbeats_exitsOneWithAClearMessage() async throws {
        let quiet = try tw("status", "--endpoint", "tcp://127.0.0.1:\(FreePorts.one())", "--wait", "0.5")
        #expect(await quiet.waitForExit() == .exited(1))
        #expect(quiet.lines(.stderr).count == 1)
        #expect(quiet.stderr.contains("no heartbeat"))
    }
}
