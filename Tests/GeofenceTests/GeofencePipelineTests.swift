import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting
@testable import Geofence

/// Real tw-bus and tw-geofence processes on real sockets: fences from a file, a URL and
/// `cfg.geofence`; drives published as `pos.*`; events read off broadcast and the store queue.
@Suite(.serialized) struct GeofencePipelineTests {
    /// A yard from longitude 10.000 to 10.010 and latitude 50.000 to 50.010, as a file would hold it.
    static let yard = feature(id: "yard", geometry: #"{"type":"Polygon","coordinates":[[[10.0,50.0],[10.01,50.0],[10.01,50.01],[10.0,50.01],[10.0,50.0]]]}"#, properties: #""name":"Yard""#)
    /// A depot: 300 m around (50.005, 10.03); its west edge on latitude 50.005 is near 10.02581.
    static let depot = feature(id: "depot", geometry: #"{"type":"Point","coordinates":[10.03,50.005]}"#, properties: #""name":"Depot","radius_m":300"#)

    static func collection(_ features: String...) -> String {
        #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
    }

    /// Along latitude 50.005: into the yard with jitter on its west edge, out, into the depot with
    /// jitter on its edge, out.
    static func drive(_ device: String, from second: Int = 10) -> [Envelope] {
        var longitudes = [9.990, 9.995]
        for step in 0..<10 { longitudes.append(step % 2 == 0 ? 10.00005 : 9.99995) }
        longitudes += [10.002, 10.004, 10.005, 10.006, 10.008, 10.012, 10.015, 10.020]
        for step in 0..<10 { longitudes.append(step % 2 == 0 ? 10.0256 : 10.0260) }
        longitudes += [10.028, 10.030, 10.032, 10.036, 10.040, 10.045]
        return longitudes.enumerated().map { .position(device: device, second: second + $0.offset, latitude: 50.005, longitude: $0.element) }
    }

    /// A device id that shard `index` of `count` owns.
    static func device(_ prefix: String, ownedBy index: Int, of count: Int) -> String {
        let shard = Shard(index: index, count: count)!
        return (0...).lazy.map { "\(prefix)-\($0)" }.first { shard.owns(device: $0) }!
    }

    @Test func drive_throughAFileFenceAndAPublishedFence_raisesOneEnterAndOneExitEach() async throws {
        let harness = try await GeofenceHarness()
        let fences = try harness.write("fences.geojson", Self.collection(Self.yard))
        try await harness.startGeofence("g1", ["--geofences", fences.path])
        let tap = try ChildProcess(trackwire: "tw", ["tap", "evt.", "--endpoint", harness.bus.broadcastOut, "--count", "4", "--timeout", "60"])
        defer { tap.signal(SIGKILL) }
        // The depot reaches the running process as a cfg.geofence change, as the storage API sends it.
        #expect(try harness.publishUntil("g1", "fence_changes.upsert", atLeast: 1, .upsert(id: "depot", feature: Self.depot)))
        #expect(harness.counter("g1", "fences_loaded") == 1)
        #expect(try harness.waitUntilReceiving("g1", probe: "probe"))

        try harness.publish(Self.drive("truck-1"))
        let expected = [("yard", EventKind.geofenceEnter), ("yard", .geofenceExit), ("depot", .geofenceEnter), ("depot", .geofenceExit)]
        try harness.pump { harness.stored.count >= 4 && harness.broadcast.count >= 4 && tap.lines().count >= 4 }
        // Anything doubled would arrive before the marker's events.
        #expect(try harness.driveMarker("marker", Self.drive("marker")))
        for fromStore in [false, true] {
            let events = (fromStore ? harness.stored : harness.broadcast).compactMap { try? $0.decode(Event.self) }.filter { $0.deviceID != "marker" }
            #expect(events.map { "\($0.geofenceID) \($0.kind.topicName)" } == expected.map { "\($0.0) \($0.1.topicName)" }, "store: \(fromStore)")
            #expect(events.allSatisfy { $0.deviceID == "truck-1" && $0.source == "geofence" && $0.hasPosition })
        }
        let enter = try #require(harness.events(.geofenceEnter).first)
        #expect(enter.attributes["fence_name"]?.stringValue == "Yard")
        let tapped = tap.lines()
        #expect(tapped.count == 4)
        #expect(tapped.filter { $0.contains(#""geofence_id":"depot""#) }.count == 2)
    }

    @Test func twoShards_splitTheDevices_withNoEventDoubledOrMissing() async throws {
        let harness = try await GeofenceHarness()
        let fences = try harness.write("fences.geojson", Self.collection(Self.yard, Self.depot))
        try await harness.startGeofence("s0", shard: "0/2", ["--geofences", fences.path])
        try await harness.startGeofence("s1", shard: "1/2", ["--geofences", fences.path])
        #expect(try harness.waitUntilReceiving("s0", probe: Self.device("probe", ownedBy: 0, of: 2)))
        #expect(try harness.waitUntilReceiving("s1", probe: Self.device("probe", ownedBy: 1, of: 2)))

        let devices = (0..<20).map { "van-\($0)" }
        try harness.publish(devices.flatMap { Self.drive($0) })
        let owned = devices.filter { Shard(index: 0, count: 2)!.owns(device: $0) }.count
        #expect(owned > 0 && owned < 20, "both shards should own some of the devices")
        try harness.pump {
            harness.events(.geofenceExit, fromStore: true).count >= 40 && harness.counter("s0", "events.exit") == UInt64(owned) * 2
                && harness.counter("s1", "events.exit") == UInt64(20 - owned) * 2
        }
        // Anything doubled would arrive before each shard's marker events.
        for shard in 0..<2 {
            let marker = Self.device("marker", ownedBy: shard, of: 2)
            #expect(try harness.driveMarker(marker, Self.drive(marker)), "no marker events from shard \(shard)")
        }
        for kind in [EventKind.geofenceEnter, .geofenceExit] {
            for fromStore in [false, true] {
                let events = harness.events(kind, fromStore: fromStore)
                #expect(events.count == 40, "\(kind.topicName), store: \(fromStore)")
                #expect(Set(events.map(\.id)).count == 40)
                #expect(Set(events.map { "\($0.deviceID) \($0.geofenceID)" }) == Set(devices.flatMap { ["\($0) yard", "\($0) depot"] }))
            }
        }
        #expect(harness.counter("s0", "events.enter") == UInt64(owned) * 2)
        #expect(harness.counter("s1", "events.enter") == UInt64(20 - owned) * 2)
    }

    @Test func restartInTheMiddleOfADrive_raisesNoSecondEnter() async throws {
        let harness = try await GeofenceHarness()
        let fences = try harness.write("fences.geojson", Self.collection(Self.yard, Self.depot))
        try await harness.startGeofence("r1", ["--geofences", fences.path, "--snapshot-interval", "1h"])
        #expect(try harness.waitUntilReceiving("r1", probe: "probe"))
        let drive = Self.drive("bus-7")
        let inYard = 14  // through the jitter and the two fixes inside that confirm the enter; three more follow
        try harness.publish(Array(drive.prefix(inYard)))
        #expect(try harness.pump { harness.events(.geofenceEnter, fromStore: true).count == 1 })

        // A graceful stop writes the snapshot (the periodic one is an hour away); the restart reads it.
        #expect(harness.stopGeofence("r1") == .exited(0))
        let state = harness.directory.appendingPathComponent("state-r1/state.json")
        #expect(FileManager.default.fileExists(atPath: state.path))
        harness.forgetCounters("r1")
        try await harness.startGeofence("r1", ["--geofences", fences.path])
        #expect(try harness.waitUntilReceiving("r1", probe: "probe"))
        try harness.publish(Array(drive.dropFirst(inYard)))
        try harness.pump { harness.events(.geofenceExit, fromStore: true).count >= 2 }
        // A second enter would arrive before the marker's events.
        #expect(try harness.driveMarker("marker", Self.drive("marker")))
        #expect(harness.events(.geofenceEnter, fromStore: true).map(\.geofenceID) == ["yard", "depot"])
        #expect(harness.events(.geofenceExit, fromStore: true).map(\.geofenceID) == ["yard", "depot"])
        #expect(harness.events(.geofenceEnter).map(\.geofenceID) == ["yard", "depot"])
    }

    @Test func fencesFromAURL_areLoaded_andABadChangeIsRejected() async throws {
        let harness = try await GeofenceHarness()
        _ = try harness.write("geofences.json", Self.collection(Self.yard, Self.depot))
        let port = FreePorts.one()
        let server = try ChildProcess(URL(fileURLWithPath: "/usr/bin/python3"), ["-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory", harness.directory.path])
        defer { server.signal(SIGKILL) }
        try await harness.startGeofence("u1", ["--geofences-from", "http://127.0.0.1:\(port)/geofences.json"])
        #expect(try harness.waitUntilReceiving("u1", probe: "probe"))
        #expect(harness.counter("u1", "fences_loaded") == 2)

        let broken = GeofenceChange.with { $0.op = .upsert; $0.geofence.id = "broken"; $0.geofence.geojson = #"{"type":"Feature","geometry":{"type":"Point","coordinates":[0,0]}}"# }
        #expect(try harness.publishUntil("u1", "errors.bad_fence", atLeast: 1, Envelope(topic: Topic.geofenceConfig, message: broken)))
        try harness.pump { harness.stored.contains { $0.topic == "err.geofence" } }
        let reject = try #require(harness.stored.first { $0.topic == "err.geofence" }.map { try $0.decode(Reject.self) })
        #expect(reject.errorType == "bad_fence")
        #expect(reject.topic == Topic.geofenceConfig)
        #expect(reject.reason.contains("radius_m"))

        // Still serving: the fences from the URL raise events.
        try harness.publish(Self.drive("taxi-3"))
        #expect(try harness.pump { harness.events(.geofenceExit, fromStore: true).count == 2 })
    }

    @Test func badConfiguration_exitsTwoWithOneLine() async throws {
        let process = try ChildProcess(trackwire: "tw-geofence", ["--shard", "2/2", "--validate"])
        #expect(await process.waitForExit(timeout: .seconds(20)) == .exited(2))
        #expect(process.stderr.contains("--shard '2/2'"))
        let both = try ChildProcess(trackwire: "tw-geofence", ["--geofences", "/etc/hostname", "--geofences-from", "http://x/", "--validate"])
        #expect(await both.waitForExit(timeout: .seconds(20)) == .exited(2))
    }
}
