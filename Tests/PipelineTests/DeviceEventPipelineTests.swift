import Codecs
import Foundation
import Testing
import TestSupport
import TrackwireProtocol
import TrackwireTesting

/// Device events with the real processes: bus, SQLite storage, decoder, a durable-ack gateway
/// (Teltonika over TCP, OsmAnd over HTTP) and tw-geofence. Events are read back from storage.
@Suite(.serialized) struct DeviceEventPipelineTests {
    final class Pipeline {
        let apiPort = FreePorts.one()
        let gatewayMetrics = FreePorts.one()
        let teltonika = FreePorts.one()
        let osmand = FreePorts.one()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-events-\(UUID().uuidString.prefix(8))")
        let bus: BusProcess
        var processes: [ChildProcess] = []

        init(geofence arguments: [String]) async throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            bus = try await BusProcess.start()
            let busFlag = ["--bus", bus.address]
            processes.append(try await bus.startStorage(directory: directory, apiPort: apiPort))
            processes.append(try await bus.startDecoder())
            geofenceArguments = arguments
            processes.append(try await startGeofence())
            processes.append(try await ChildProcess.start("tw-gateway", busFlag + [
                "--listen", "teltonika:tcp:\(teltonika),osmand:http:\(osmand)", "--listen-host", "127.0.0.1",
                "--http", "127.0.0.1:\(gatewayMetrics)", "--instance", "gw-\(bus.base)", "--ack", "durable",
            ], ready: [.healthz(port: gatewayMetrics), .logLine("listening", "osmand:http:")]))
        }

        private var geofenceArguments: [String] = []

        func startGeofence() async throws -> ChildProcess {
            try await ChildProcess.start("tw-geofence", ["--bus", bus.address,
                "--http", "off", "--instance", "geo-\(bus.base)", "--state-dir", directory.appendingPathComponent("geo").path,
            ] + geofenceArguments, ready: [.logLine("geofence up")])
        }

        /// Stops tw-geofence gracefully (it snapshots its state) and starts it again on the same state.
        func restartGeofence() async throws {
            guard let index = processes.firstIndex(where: { $0.commandLine.contains("tw-geofence") }) else { return }
            _ = processes[index].stop(patience: .seconds(10))
            processes[index] = try await startGeofence()
        }

        deinit {
            for process in processes.reversed() { _ = process.stop(patience: .seconds(10)) }
            _ = bus.stop()
            try? FileManager.default.removeItem(at: directory)
        }

        /// One OsmAnd fix, answered once storage committed it.
        func osmAnd(_ query: String) throws -> Bool {
            let client = try DeviceClient(port: osmand)
            client.send(Array("GET /?\(query) HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
            return String(decoding: client.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200")
        }

        /// The stored events of `device`, as kinds in time order.
        func eventKinds(_ device: String) -> [String] {
            events(device).compactMap { $0["kind"] as? String }
        }

        func events(_ device: String) -> [[String: Any]] {
            guard let response = LocalHTTP.get(port: apiPort, "/api/events?device=\(device)"), response.status == 200,
                  let json = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
                  let events = json["events"] as? [[String: Any]] else { return [] }
            return events
        }

        /// Two OsmAnd fixes 1 s apart inside the yard (`yardFile`), from now; returns the first's time.
        func parkInTheYard(_ device: String) throws -> Int64 {
            let t0 = DeviceEventPipelineTests.nowMs
            #expect(try osmAnd("id=\(device)&lat=52.5&lon=13.4&timestamp=\(t0)"))
            #expect(try osmAnd("id=\(device)&lat=52.5001&lon=13.4&timestamp=\(t0 + 1000)"))
            return t0
        }

        func positionCount(_ device: String) -> Int {
            guard let response = LocalHTTP.get(port: apiPort, "/api/positions?device=\(device)"), response.status == 200,
                  let json = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
                  let positions = json["positions"] as? [Any] else { return -1 }
            return positions.count
        }
    }

    static var nowMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    @Test func teltonikaIgnitionFlips_raiseIgnitionOnThenIgnitionOff() async throws {
        let pipeline = try await Pipeline(geofence: ["--offline-after", "0"])
        let device = try #require(CodecRegistry.descriptor(named: "teltonika")?.simulator?("127.0.0.1"))
        let imei = "356307042441013"
        let client = try DeviceClient(port: pipeline.teltonika)
        let login = try #require(device.login(imei: imei, sequence: 0))
        client.send(login.bytes)
        #expect(client.receive(exactly: 1) == [0x01])
        let t0 = Self.nowMs - 60_000
        for (index, ignition) in [false, true, false].enumerated() {
            let fix = SimFix(latitude: 54.68, longitude: 25.27, speedKmh: 0, courseDeg: 0, timeMs: t0 + Int64(index) * 10_000, ignition: ignition)
            client.send(device.position(fix, imei: imei, sequence: index + 1).bytes)
            #expect(client.receive(exactly: 4) == [0, 0, 0, 1], "fix \(index) acked after its commit")
        }
        #expect(await eventually(timeout: .seconds(15)) { pipeline.eventKinds(imei).filter { $0.hasPrefix("ignition") }.count >= 2 })
        let ignition = pipeline.events(imei).filter { ($0["kind"] as? String)?.hasPrefix("ignition") == true }
        #expect(ignition.compactMap { $0["kind"] as? String } == ["ignition_on", "ignition_off"])
        #expect(ignition.compactMap { ($0["time_ms"] as? NSNumber)?.int64Value } == [t0 + 10_000, t0 + 20_000])
    }

    @Test func aTeltonikaAlarmCapture_isStoredAsAnAlarmEventInTheOneVocabulary() async throws {
        let pipeline = try await Pipeline(geofence: ["--offline-after", "0"])
        let device = try #require(CodecRegistry.descriptor(named: "teltonika")?.simulator?("127.0.0.1"))
        let imei = "356307042441015"
        let client = try DeviceClient(port: pipeline.teltonika)
        client.send(try #require(device.login(imei: imei, sequence: 0)).bytes)
        #expect(client.receive(exactly: 1) == [0x01])
        // The real capture of a record raising Teltonika's harsh-braking IO (Traccar: hardBraking).
        client.send(Captures.all[148].bytes)
        #expect(client.receive(exactly: 4) == [0, 0, 0, 4], "its four records acked after their commit")
        #expect(await eventually(timeout: .seconds(10)) { pipeline.eventKinds(imei).contains("alarm") })
        let alarm = try #require(pipeline.events(imei).first { $0["kind"] as? String == "alarm" })
        let attributes = try #require(alarm["attributes"] as? [String: Any])
        #expect(attributes["alarm"] as? String == "hard_braking")
        #expect(attributes["device_alarm"] as? String == "hardBraking")
        #expect(alarm["id"] as? String == "\(imei)-alarm-1594956331000-hardBraking")
    }

    @Test func aDriveThatStopsLongerThanTheMotionDuration_raisesStoppedThenMoving() async throws {
        let pipeline = try await Pipeline(geofence: ["--motion-duration", "30s", "--offline-after", "0"])
        let t0: Int64 = 1_733_230_000_000
        // Driving (the first fix only sets the state), 60 s stopped at a light-free kerb, driving on.
        let speeds: [Double] = [50, 50, 50, 0, 0, 0, 0, 0, 0, 0, 40, 40, 40, 40, 40]
        for (index, speed) in speeds.enumerated() {
            let time = t0 + Int64(index) * 10_000
            #expect(try pipeline.osmAnd("id=drive-1&lat=52.5&lon=\(13.4 + Double(index) * 0.001)&speed=\(speed)&timestamp=\(time)"))
        }
        #expect(await eventually(timeout: .seconds(15)) { pipeline.eventKinds("drive-1").count >= 2 })
        let events = pipeline.events("drive-1")
        #expect(events.compactMap { $0["kind"] as? String } == ["stopped", "moving"])
        #expect(events.compactMap { ($0["time_ms"] as? NSNumber)?.int64Value } == [t0 + 30_000, t0 + 100_000],
                "each event is timed where its state began")
    }

    @Test func aDeviceThatFallsSilent_raisesOfflineAfterOfflineAfter() async throws {
        let pipeline = try await Pipeline(geofence: ["--offline-after", "2s"])
        #expect(try pipeline.osmAnd("id=quiet-1&lat=52.5&lon=13.4&timestamp=\(Self.nowMs)"))
        #expect(await eventually(timeout: .seconds(3)) { pipeline.eventKinds("quiet-1") == ["online"] })
        #expect(await eventually(timeout: .seconds(15)) { pipeline.eventKinds("quiet-1") == ["online", "offline"] })
        let offline = try #require(pipeline.events("quiet-1").last)
        let attributes = try #require(offline["attributes"] as? [String: Any])
        let lastSeen = try #require((attributes["last_seen_ms"] as? NSNumber)?.int64Value)
        #expect((offline["time_ms"] as? NSNumber)?.int64Value == lastSeen + 2000)
        // Data again: online, once.
        #expect(try pipeline.osmAnd("id=quiet-1&lat=52.5&lon=13.4&timestamp=\(Self.nowMs)"))
        #expect(await eventually(timeout: .seconds(15)) { pipeline.eventKinds("quiet-1").last == "online" })
    }

    @Test func aTCPDeviceThatDisconnects_goesOfflineAfterTheGrace_andAReconnectWithinItDoesNotFlap() async throws {
        let pipeline = try await Pipeline(geofence: ["--offline-after", "10m", "--offline-grace", "2s"])
        let device = try #require(CodecRegistry.descriptor(named: "teltonika")?.simulator?("127.0.0.1"))
        let imei = "356307042441014"
        let login = try #require(device.login(imei: imei, sequence: 0))
        func connect() throws -> DeviceClient {
            let client = try DeviceClient(port: pipeline.teltonika)
            client.send(login.bytes)
            #expect(client.receive(exactly: 1) == [0x01], "login accepted")
            return client
        }
        do { _ = try connect() }  // online at login, then disconnected ...
        var second: DeviceClient? = try connect()  // ... and back at once, inside the grace
        #expect(await eventually(timeout: .seconds(10)) { pipeline.eventKinds(imei) == ["online"] })
        try await Task.sleep(for: .seconds(4))  // past the first disconnect's grace, and a tick
        #expect(pipeline.eventKinds(imei) == ["online"], "the reconnect raised neither offline nor a second online")
        let beforeLastDisconnect = Self.nowMs
        second = nil
        #expect(second == nil)
        #expect(await eventually(timeout: .seconds(15)) { pipeline.eventKinds(imei) == ["online", "offline"] })
        let offline = try #require(pipeline.events(imei).last)
        #expect(((offline["attributes"] as? [String: Any])?["reason"] as? String) == "disconnected")
        #expect(((offline["time_ms"] as? NSNumber)?.int64Value ?? 0) >= beforeLastDisconnect, "timed at the last disconnect, not the first")
    }

    /// A circle fence of 200 m around 52.5, 13.4 in a GeoJSON file; the caller removes the file.
    static func yardFile(dwellSeconds: Int) throws -> URL {
        let fence = #"{"type":"Feature","id":"yard","geometry":{"type":"Point","coordinates":[13.4,52.5]},"properties":{"name":"Yard","radius_m":200,"dwell_s":\#(dwellSeconds)}}"#
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tw-yard-\(UUID().uuidString.prefix(8)).geojson")
        try fence.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func aDisconnectPendingAcrossAGeofenceRestart_raisesOfflineOnce_timedAtTheDisconnect() async throws {
        let pipeline = try await Pipeline(geofence: ["--offline-after", "10m", "--offline-grace", "4s"])
        let device = try #require(CodecRegistry.descriptor(named: "teltonika")?.simulator?("127.0.0.1"))
        let imei = "356307042441016"
        do {
            let client = try DeviceClient(port: pipeline.teltonika)
            client.send(try #require(device.login(imei: imei, sequence: 0)).bytes)
            #expect(client.receive(exactly: 1) == [0x01])
            #expect(await eventually(timeout: .seconds(10)) { pipeline.eventKinds(imei) == ["online"] })
        }
        let disconnectedBefore = Self.nowMs
        try await Task.sleep(for: .seconds(1))  // the close record reaches tw-geofence ...
        try await pipeline.restartGeofence()  // ... which stops inside the grace and starts from its snapshot
        #expect(await eventually(timeout: .seconds(15)) { pipeline.eventKinds(imei) == ["online", "offline"] })
        let offline = try #require(pipeline.events(imei).last)
        #expect(((offline["time_ms"] as? NSNumber)?.int64Value ?? .max) <= disconnectedBefore + 1000, "timed at the disconnect")
        try await Task.sleep(for: .seconds(2))
        #expect(pipeline.eventKinds(imei) == ["online", "offline"], "once")
    }

    @Test func aDeviceThatStaysInsideAFence_raisesDwellWithoutAnotherFix() async throws {
        let fences = try Self.yardFile(dwellSeconds: 3)
        defer { try? FileManager.default.removeItem(at: fences) }
        let pipeline = try await Pipeline(geofence: ["--geofences", fences.path, "--offline-after", "0"])
        let t0 = try pipeline.parkInTheYard("parked-1")
        #expect(await eventually(timeout: .seconds(10)) { pipeline.eventKinds("parked-1") == ["enter"] })
        #expect(await eventually(timeout: .seconds(15)) { pipeline.eventKinds("parked-1") == ["enter", "dwell"] })
        let dwell = try #require(pipeline.events("parked-1").last)
        #expect((dwell["time_ms"] as? NSNumber)?.int64Value == t0 + 3000, "timed at entry + dwell_s")
        #expect(pipeline.positionCount("parked-1") == 2, "no fix arrived after the two that entered")
    }

    @Test func aDeviceThatGoesOfflineInsideAFence_exitsIt_causeOffline_withoutAnotherFix() async throws {
        let fences = try Self.yardFile(dwellSeconds: 3600)
        defer { try? FileManager.default.removeItem(at: fences) }
        let pipeline = try await Pipeline(geofence: ["--geofences", fences.path, "--offline-after", "2s"])
        let t0 = try pipeline.parkInTheYard("gone-1")
        #expect(await eventually(timeout: .seconds(15)) { Set(pipeline.eventKinds("gone-1")) == ["online", "enter", "offline", "exit"] })
        let events = pipeline.events("gone-1")
        #expect(events.count == 4, "each once: \(events.compactMap { $0["kind"] })")
        let offline = try #require(events.first { $0["kind"] as? String == "offline" })
        let exit = try #require(events.first { $0["kind"] as? String == "exit" })
        #expect(((exit["attributes"] as? [String: Any])?["cause"] as? String) == "offline")
        #expect(exit["geofence_id"] as? String == "yard")
        #expect((exit["time_ms"] as? NSNumber)?.int64Value == (offline["time_ms"] as? NSNumber)?.int64Value, "timed at the offline")
        #expect(pipeline.positionCount("gone-1") == 2, "no fix arrived after the two that entered")
    }
}
