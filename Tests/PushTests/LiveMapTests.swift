import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting

/// The live map in a real browser on a real pipeline: tw-bus, tw-storage with the demo fences,
/// tw-push reading the storage API, tw-geofence, two tw-decoders, tw-gateway and `tw sim`. Headless
/// Chromium, driven over the DevTools protocol by scripts/live_map_check.py, must find every
/// simulated device, every demo fence and track tails, show a clicked vehicle, play back its
/// history, search the list and take the access token every way it can come.
@Suite(.serialized) struct LiveMapTests {
    static let devices = 40
    static let demoFences = RepositoryPaths.root.appendingPathComponent("deploy/demo/geofences.geojson")

    @Test func liveMap_onARunningPipeline_showsTheFleetFencesTracksAndPlaysBackHistory() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("live-map-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let pipeline = try await PipelineProcesses(.init(decoders: 2, geofences: 1, protocols: ["gt06", "teltonika", "osmand", "h02"],
                                                         workDirectory: work, fences: Self.demoFences))
        defer { pipeline.stop() }
        let sim = try pipeline.simulate(["--devices", "\(Self.devices)", "--rate", "1", "--id-base", "861000000000000"])
        defer { sim.stop() }
        // Every device stored, so the map's history has something to play.
        let stored = await eventually(timeout: .seconds(60)) { Self.storedDevices(pipeline).count >= Self.devices }
        #expect(stored, "storage holds \(Self.storedDevices(pipeline).count) of \(Self.devices) devices; \(sim.tail())")
        try await Task.sleep(for: .seconds(4))

        let screenshots = work.appendingPathComponent("screenshots")
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let report = try await Self.drive(pipeline.pushURL + "/", devices: Self.devices, screenshots: screenshots)

        #expect(report["failures"]?.arrayValue == [], "\(report.text)")
        let shown = Set(report["devices"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        #expect(shown == Self.storedDevices(pipeline), "every simulated device is a data-device element")
        #expect(Set(report["fences"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["alexanderplatz", "tiergarten", "depot-west", "unter-den-linden"])
        #expect((report["tracks"]?.number ?? 0) >= 1)
        #expect((report["list_rows"]?.number ?? .infinity) < Double(Self.devices), "the list renders only the rows in sight")
        #expect((report["graticule_lines"]?.number ?? 0) >= 4 && report["scale_bar"]?.stringValue?.hasSuffix("m") == true)
        #expect(report["details"]?["shows_speed"] == .bool(true) && report["details"]?["shows_last_fix"] == .bool(true))
        let history = report["history"]
        #expect((history?["positions"]?.number ?? 0) >= 2 && history?["track"] == .int(1) && history?["playback_marker"] == .int(1))
        #expect((history?["played_to_ms"]?.number ?? 0) > (history?["start_ms"]?.number ?? .infinity), "the playback moved on")
        #expect(report["search"]?["rows"] == .int(1) && report["search"]?["markers_shown"] == .int(1))
        for check in ["header", "stream", "cookie", "address_bar_clean", "prompt"] {
            #expect(report["token"]?[check] == .bool(true), "token: \(check)")
        }
        #expect(report["console_errors"]?.arrayValue == [])
        for name in ["live-map.png", "live-map-history.png"] {
            let shot = screenshots.appendingPathComponent(name)
            #expect(FileManager.default.fileExists(atPath: shot.path))
            // make screenshot: the pictures in docs/ are this test's.
            if let docs = ProcessInfo.processInfo.environment["TW_SCREENSHOTS"] {
                let target = URL(fileURLWithPath: docs).appendingPathComponent(name)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: shot, to: target)
            }
        }
    }

    /// Thousands of vehicles on tw-bus and tw-push alone, their positions published on the bus: every
    /// one is a data-device element, the list renders a screenful, reaches the last device when
    /// scrolled to the end and narrows list and map to one device on a search, in well under a second.
    @Test func liveMap_withThousandsOfVehicles_keepsTheListAndSearchFast() async throws {
        let harness = try await PushHarness()
        let count = 2000
        let ids = (0..<count).map { String(format: "scale-%04d", $0) }
        // The driver connects first: push subscribes to positions for its stream, and each publish
        // waits until a subscription covers it.
        let driver = try Self.driver(harness.url + "/", devices: count, ["--scale"])
        let envelopes = ids.enumerated().map { index, id in
            PushHarness.position(id, latitude: 52.35 + Double(index / 50) * 0.008, longitude: 13.1 + Double(index % 50) * 0.012)
        }
        try await harness.publish(envelopes, timeout: .seconds(90))
        let report = try await Self.report(of: driver)

        #expect(report["failures"]?.arrayValue == [], "\(report.text)")
        #expect(Set(report["devices"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(ids), "every vehicle is a data-device element")
        #expect((report["list_rows"]?.number ?? .infinity) < 100, "the list renders only the rows in sight")
        #expect(report["scroll"]?["last"]?.stringValue == ids.last, "scrolled to the end, the list shows the last device")
        #expect(report["search"]?["rows"] == .int(1) && report["search"]?["markers_shown"] == .int(1), "\(report.text)")
        #expect((report["search"]?["ms"]?.number ?? .infinity) < 500, "a search over \(count) vehicles: \(report["search"]?.text ?? "")")
        #expect(report["console_errors"]?.arrayValue == [])
    }

    /// The ids of the devices the storage API holds positions of.
    static func storedDevices(_ pipeline: PipelineProcesses) -> Set<String> {
        guard let answer = LocalHTTP.get(port: pipeline.storagePort, "/api/devices"), let json = try? JSONValue.parse(Array(answer.body.utf8)) else { return [] }
        return Set((json["devices"]?.arrayValue ?? []).filter { $0["last_position"] != .null }.compactMap { $0["id"]?.stringValue })
    }

    /// Runs the browser driver and returns its JSON report.
    static func drive(_ url: String, devices: Int, screenshots: URL) async throws -> JSONValue {
        try await report(of: driver(url, devices: devices, [
            "--fences", "alexanderplatz,tiergarten,depot-west,unter-den-linden", "--screenshots", screenshots.path,
        ]))
    }

    /// scripts/live_map_check.py on `url`, started.
    static func driver(_ url: String, devices: Int, _ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", RepositoryPaths.root.appendingPathComponent("scripts/live_map_check.py").path, url, "--devices", "\(devices)",
        ] + arguments)
    }

    /// The driver's JSON report, once it has exited.
    static func report(of driver: ChildProcess) async throws -> JSONValue {
        _ = await driver.waitForExit(timeout: .seconds(240))
        let line = try #require(driver.lines().last, "the driver printed nothing: \(driver.stderr)")
        return try JSONValue.parse(Array(line.utf8))
    }
}
