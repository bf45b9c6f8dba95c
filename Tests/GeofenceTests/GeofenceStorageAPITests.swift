import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting

/// The geofence stage with a real tw-storage: a fence created through the storage API reaches the
/// running tw-geofence as `cfg.geofence`, and the events of a drive through it come back through
/// the storage API and on the bus.
@Suite(.serialized) struct GeofenceStorageAPITests {
    @Test func fenceCreatedThroughTheStorageAPI_reachesTheRunningGeofence_andItsEventsAreStored() async throws {
        let harness = try await GeofenceHarness(pullStoreQueue: false)
        let port = FreePorts.one()
        let api = "http://127.0.0.1:\(port)"
        let storage = try await ChildProcess.start("tw-storage", [
            "--bus", harness.bus.address, "--http", "127.0.0.1:\(port)", "--instance", "storage-\(port)",
            "--db", "sqlite:" + harness.directory.appendingPathComponent("trackwire.db").path, "--batch-age", "50ms",
        ], ready: [.healthz(port: port)])
        defer { storage.stop() }
        try await harness.startGeofence("g1", ["--geofences-from", api + "/api/geofences"])
        #expect(try harness.waitUntilReceiving("g1", probe: "probe"))
        #expect(harness.counter("g1", "fences_loaded") == 0)

        let created = HTTP.call("PUT", api + "/api/geofences/depot", body: GeofencePipelineTests.depot)
        #expect(created.status == 201, "\(created.body)")
        #expect(try harness.pump { harness.counter("g1", "fence_changes.upsert") >= 1 })

        // The drive also passes the yard, which this process does not know: only the depot counts.
        try harness.publish(GeofencePipelineTests.drive("truck-9"))
        var stored: [[String: Any]] = []
        let found = try harness.pump {
            stored = HTTP.json(api + "/api/events?device=truck-9")?["events"] as? [[String: Any]] ?? []
            return stored.count >= 2 && harness.broadcast.count >= 2
        }
        #expect(found)
        // Anything doubled would be stored and published before the marker's events.
        #expect(try harness.driveMarker("marker", GeofencePipelineTests.drive("marker"), fromStore: false))
        #expect(try harness.pump { (HTTP.json(api + "/api/events?device=marker")?["events"] as? [Any])?.count == 2 })
        stored = HTTP.json(api + "/api/events?device=truck-9")?["events"] as? [[String: Any]] ?? []
        #expect(stored.map { "\($0["geofence_id"] ?? "") \($0["kind"] ?? "")" } == ["depot enter", "depot exit"])
        let published = harness.broadcast.filter { $0.topic.hasPrefix("evt.") }.compactMap { try? $0.decode(Event.self) }
            .filter { $0.deviceID != "marker" }
        #expect(published.map { "\($0.geofenceID) \($0.kind.topicName)" } == ["depot enter", "depot exit"])
        #expect(Set(stored.compactMap { $0["id"] as? String }) == Set(published.map(\.id)))
    }

    @Test func geofence_loadsFencesFromATokenProtectedStorage_withItsToken_andExitsWithAClearErrorWithout() async throws {
        let harness = try await GeofenceHarness(pullStoreQueue: false)
        let port = FreePorts.one()
        let api = "http://127.0.0.1:\(port)"
        let storage = try await ChildProcess.start("tw-storage", [
            "--bus", harness.bus.address, "--http", "127.0.0.1:\(port)", "--instance", "storage-\(port)",
            "--db", "sqlite:" + harness.directory.appendingPathComponent("trackwire.db").path, "--api-token", "s3cret",
        ], ready: [.healthz(port: port)])
        defer { storage.stop() }
        #expect(HTTP.call("PUT", api + "/api/geofences/depot", body: GeofencePipelineTests.depot).status == 401)
        let created = HTTP.call("PUT", api + "/api/geofences/depot", body: GeofencePipelineTests.depot, token: "s3cret")
        #expect(created.status == 201, "\(created.body)")

        let refused = try ChildProcess(trackwire: "tw-geofence", [
            "--bus", harness.bus.address, "--http", "off", "--instance", "g-none", "--geofences-from", api + "/api/geofences",
            "--state-dir", harness.directory.appendingPathComponent("state-none").path, "--fetch-timeout", "2s",
        ])
        #expect(await refused.waitForExit(timeout: .seconds(20)) == .exited(1))
        let said = refused.stderr + refused.stdout
        #expect(said.contains("HTTP 401") && said.contains("TW_API_TOKEN"), "\(refused.tail())")

        try await harness.startGeofence("g1", ["--geofences-from", api + "/api/geofences", "--api-token", "s3cret"])
        #expect(try harness.waitUntilReceiving("g1", probe: "probe"))
        #expect(harness.counter("g1", "fences_loaded") == 1)
    }
}

/// Blocking HTTP through curl, for tests that run on a plain thread.
enum HTTP {
    static func call(_ method: String, _ url: String, body: String? = nil, token: String? = nil) -> (status: Int, body: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["curl", "-s", "-m", "5", "-X", method, "-w", "\n%{http_code}", url]
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return (0, "") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
    }

    static func json(_ url: String) -> [String: Any]? {
        let answer = call("GET", url)
        guard answer.status == 200 else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any]
    }
}
