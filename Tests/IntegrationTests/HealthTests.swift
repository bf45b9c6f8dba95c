import Foundation
import Testing
import TrackwireTesting

/// Every stage's /healthz checks what it depends on and says why when it fails: each stage as a
/// real process, once with what it needs and once without.
@Suite struct HealthTests {
    /// The status and the parsed body of `GET /healthz`.
    static func health(_ port: Int) -> (status: Int, checks: [String: Bool], reasons: [String: String])? {
        guard let reply = LocalHTTP.get(port: port, "/healthz"),
              let json = try? JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any] else { return nil }
        return (reply.status, json["checks"] as? [String: Bool] ?? [:], json["reasons"] as? [String: String] ?? [:])
    }

    /// Waits until /healthz answers `status` with `check` in that state (and, failing, a reason
    /// containing every one of `reason`).
    static func expectHealth(_ port: Int, _ status: Int, check: String, reason: [String] = [], _ process: ChildProcess) async {
        var last = health(port)
        let seen = await eventually(timeout: .seconds(20)) {
            last = health(port)
            guard let last, last.status == status, last.checks[check] == (status == 200) else { return false }
            return status == 200 || reason.allSatisfy { last.reasons[check]?.contains($0) == true }
        }
        #expect(seen, "\(process.label): /healthz \(String(describing: last)); \(process.tail())")
    }

    /// Free ports with no bus behind them.
    static func absentBus() -> String { "127.0.0.1:\(FreePorts.consecutiveBase(6))" }

    static func start(_ name: String, _ arguments: [String], port: Int) async throws -> ChildProcess {
        try await ChildProcess.start(name, arguments + ["--http", "127.0.0.1:\(port)"], ready: [.logLine("serving HTTP")])
    }

    @Test func decoder_isHealthyOnlyWhileConnectedToTheBus() async throws {
        let bus = try await BusProcess.start()
        let port = FreePorts.one()
        let decoder = try await Self.start("tw-decoder", ["--bus", bus.address], port: port)
        await Self.expectHealth(port, 200, check: "bus", decoder)
        bus.stop()
        await Self.expectHealth(port, 503, check: "bus", reason: ["not connected:", "PULL tcp://127.0.0.1:\(bus.base + 3)"], decoder)
        // Not ready, still alive: a liveness probe on /livez restarts nothing while the bus is down.
        #expect(LocalHTTP.get(port: port, "/livez")?.status == 200)
        decoder.stop()
    }

    @Test func gateway_needsItsListenersAndAWritableFramesQueue() async throws {
        let bus = try await BusProcess.start()
        let port = FreePorts.one()
        let listen = "osmand:http:\(FreePorts.one())"
        let gateway = try await Self.start("tw-gateway", ["--bus", bus.address, "--listen", listen, "--listen-host", "127.0.0.1"], port: port)
        // No decoder yet: the bus's frames-in still has room, so the queue is writable.
        await Self.expectHealth(port, 200, check: "frames_queue", gateway)
        #expect(Self.health(port)?.checks["listeners"] == true)
        gateway.stop()

        let alone = FreePorts.one()
        let unconnected = try await Self.start("tw-gateway", ["--bus", Self.absentBus(), "--listen", "osmand:http:\(FreePorts.one())",
                                                              "--listen-host", "127.0.0.1"], port: alone)
        await Self.expectHealth(alone, 503, check: "frames_queue", reason: ["frames queue not writable"], unconnected)
        #expect(Self.health(alone)?.reasons["bus"]?.contains("PUSH tcp://127.0.0.1:") == true)
        unconnected.stop()
    }

    @Test func geofence_isUnhealthyUntilItsFencesAreLoaded() async throws {
        let bus = try await BusProcess.start()
        let silent = try TestListener()  // accepts, never answers: the storage API is not up
        let port = FreePorts.one()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("health-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: state) }
        let waiting = try await Self.start("tw-geofence", [
            "--bus", bus.address, "--geofences-from", "http://127.0.0.1:\(silent.port)/api/geofences", "--fetch-timeout", "60s",
            "--state-dir", state.path,
        ], port: port)
        await Self.expectHealth(port, 503, check: "fences", reason: ["loading the fences from http://127.0.0.1:\(silent.port)"], waiting)
        waiting.stop()

        let fences = RepositoryPaths.root.appendingPathComponent("deploy/demo/geofences.geojson").path
        let loaded = FreePorts.one()
        let geofence = try await Self.start("tw-geofence", ["--bus", bus.address, "--geofences", fences, "--state-dir", state.path], port: loaded)
        await Self.expectHealth(loaded, 200, check: "fences", geofence)
        #expect(Self.health(loaded)?.checks["bus"] == true)
        geofence.stop()
    }

    @Test func push_andStorage_sayWhichBusSocketIsNotConnected() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("health-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bus = Self.absentBus()
        let pushPort = FreePorts.one()
        let push = try await Self.start("tw-push", ["--bus", bus, "--outbox", directory.appendingPathComponent("outbox.sqlite").path], port: pushPort)
        await Self.expectHealth(pushPort, 503, check: "bus", reason: ["not connected:", "SUB tcp://127.0.0.1:"], push)
        #expect(Self.health(pushPort)?.checks["bus_intake"] == true)
        push.stop()
        let storagePort = FreePorts.one()
        let storage = try await Self.start("tw-storage", ["--bus", bus, "--db", "sqlite:" + directory.appendingPathComponent("t.db").path], port: storagePort)
        await Self.expectHealth(storagePort, 503, check: "bus", reason: ["not connected:", "PULL tcp://127.0.0.1:"], storage)
        #expect(Self.health(storagePort)?.checks["database"] == true)
        storage.stop()
    }
}
