import Foundation
import Testing
import TestSupport
import TrackwireProtocol
import TrackwireTesting

/// Commands that wait, with the real processes: bus, SQLite storage, decoder and a durable-ack
/// GT06 gateway. A command posted while the device is offline is queued in storage, delivered
/// after the device's next login, reported `sent` by the gateway and `acknowledged` by its reply.
@Suite(.serialized) struct WaitingCommandPipelineTests {
    static let imei = "864717003283581"

    final class Pipeline {
        let apiPort = FreePorts.one()
        let gatewayMetrics = FreePorts.one()
        let gt06 = FreePorts.one()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-commands-\(UUID().uuidString.prefix(8))")
        let bus: BusProcess
        var processes: [ChildProcess] = []

        init() async throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            bus = try await BusProcess.start()
            let busFlag = ["--bus", bus.address]
            processes.append(try await bus.startStorage(directory: directory, apiPort: apiPort))
            processes.append(try await bus.startDecoder())
            processes.append(try await ChildProcess.start("tw-gateway", busFlag + [
                "--listen", "gt06:tcp:\(gt06)", "--listen-host", "127.0.0.1",
                "--http", "127.0.0.1:\(gatewayMetrics)", "--instance", "gw-\(bus.base)", "--ack", "durable",
            ], ready: [.healthz(port: gatewayMetrics), .logLine("listening", "gt06:tcp:")]))
        }

        deinit {
            for process in processes.reversed() { _ = process.stop(patience: .seconds(10)) }
            _ = bus.stop()
            try? FileManager.default.removeItem(at: directory)
        }

        /// The stored `command_status` events of one command.
        func commandEvents(_ id: String) -> [[String: Any]] {
            (json("/api/events?device=\(WaitingCommandPipelineTests.imei)")?["events"] as? [[String: Any]] ?? [])
                .filter { ($0["kind"] as? String) == "command_status" && (($0["attributes"] as? [String: Any])?["command"] as? String) == id }
        }

        /// The statuses those events announced.
        func commandStatuses(_ id: String) -> [String] {
            commandEvents(id).compactMap { ($0["attributes"] as? [String: Any])?["status"] as? String }
        }

        func json(_ path: String) -> [String: Any]? {
            guard let response = LocalHTTP.get(port: apiPort, path), response.status == 200 else { return nil }
            return try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
        }

        /// Logs in, waits for the login reply (storage committed the session), returns the client.
        func login() throws -> DeviceClient {
            let client = try DeviceClient(port: gt06)
            let login = Captures.of("gt06").first { $0.note.contains("server reply: login") && $0.note.contains("OK (") }!
            client.send(login.bytes)
            #expect(client.receive(exactly: 10) == login.expectation.derivedReply!)
            return client
        }
    }

    @Test func commandForAnOfflineGT06_reachesItAfterItsNextLogin_andItsReplyAcknowledgesIt() async throws {
        let pipeline = try await Pipeline()
        // The device is known to storage (its first session), then goes offline.
        do { _ = try pipeline.login() }  // closed at the end of the scope
        #expect(await eventually(timeout: .seconds(10)) {
            (pipeline.json("/api/devices/\(Self.imei)")?["online"] as? Bool) == false
        })

        let posted = try #require(LocalHTTP.request("POST", port: pipeline.apiPort, "/api/commands",
                                                    json: #"{"device": "\#(Self.imei)", "type": "engine_stop", "expires_in": 600}"#))
        #expect(posted.status == 202)
        let created = try #require(try JSONSerialization.jsonObject(with: Data(posted.body.utf8)) as? [String: Any])
        let id = try #require(created["id"] as? String)
        #expect(created["status"] as? String == "queued" && created["expires_ms"] is Int)
        // Nobody holds the device: it stays queued.
        try await Task.sleep(for: .seconds(1))
        #expect(pipeline.json("/api/commands/\(id)")?["status"] as? String == "queued")

        // The next login brings it: GT06 engine_stop is the text command "Relay,1#".
        var device: DeviceClient? = try pipeline.login()
        var bytes: [UInt8] = []
        for _ in 0..<50 where !String(decoding: bytes, as: UTF8.self).contains("Relay,1#") { bytes += device!.receive(within: 200) }
        #expect(String(decoding: bytes, as: UTF8.self).contains("Relay,1#"))
        #expect(await eventually(timeout: .seconds(10)) { pipeline.json("/api/commands/\(id)")?["status"] as? String == "sent" })

        // Its reply (a 0x21 command-result packet) turns the status to acknowledged.
        let reply = Captures.all[98].bytes
        device!.send(reply)
        #expect(await eventually(timeout: .seconds(10)) { pipeline.json("/api/commands/\(id)")?["status"] as? String == "acknowledged" })
        let command = try #require(pipeline.json("/api/commands/\(id)"))
        #expect(command["result"] as? String == "Cut off the fuel supply: Success!")
        #expect(command["gateway"] as? String == "gw-\(pipeline.bus.base)")
        // Each change is a command_status event in storage.
        let statuses = await eventuallyValue(pipeline) { events in
            events.filter { ($0["kind"] as? String) == "command_status" }.compactMap { ($0["attributes"] as? [String: Any])?["status"] as? String }
        }
        #expect(Set(statuses) == ["sent", "acknowledged"])

        // A command that expires before the device logs in again is never delivered.
        device = nil
        #expect(await eventually(timeout: .seconds(10)) {
            (pipeline.json("/api/devices/\(Self.imei)")?["online"] as? Bool) == false
        })
        let short = try #require(LocalHTTP.request("POST", port: pipeline.apiPort, "/api/commands",
                                                   json: #"{"device": "\#(Self.imei)", "type": "engine_resume", "expires_in": 1}"#))
        let shortID = try #require((try JSONSerialization.jsonObject(with: Data(short.body.utf8)) as? [String: Any])?["id"] as? String)
        try await Task.sleep(for: .seconds(1.5))
        #expect(pipeline.json("/api/commands/\(shortID)")?["status"] as? String == "expired")
        let again = try pipeline.login()
        let late = again.receive(within: 1000)
        #expect(!String(decoding: late, as: UTF8.self).contains("Relay,0#"))

        // Bad input: a clear 400.
        let bad = LocalHTTP.request("POST", port: pipeline.apiPort, "/api/commands",
                                    json: #"{"device": "\#(Self.imei)", "type": "engine_stop", "expires_in": -3}"#)
        #expect(bad?.status == 400 && bad?.body.contains("expires_in") == true)
        #expect(LocalHTTP.get(port: pipeline.apiPort, "/api/commands/nope")?.status == 404)
    }

    @Test func aCommandTheDevicesCodecCannotEncode_turnsFailed_withTheReason_andItsEvent() async throws {
        let pipeline = try await Pipeline()
        let device = try pipeline.login()
        #expect(await eventually(timeout: .seconds(10)) { (pipeline.json("/api/devices/\(Self.imei)")?["online"] as? Bool) == true })
        // GT06 text commands are ASCII: the API cannot know, the gateway's encoder can.
        let posted = try #require(LocalHTTP.request("POST", port: pipeline.apiPort, "/api/commands",
                                                    json: #"{"device": "\#(Self.imei)", "type": "custom", "text": "Grüße#"}"#))
        #expect(posted.status == 202)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(posted.body.utf8)) as? [String: Any])?["id"] as? String)
        #expect(await eventually(timeout: .seconds(10)) { pipeline.json("/api/commands/\(id)")?["status"] as? String == "failed" })
        let command = try #require(pipeline.json("/api/commands/\(id)"))
        #expect((command["result"] as? String)?.contains("ASCII") == true, "the reason: \(command["result"] ?? "none")")
        #expect(command["gateway"] as? String == "gw-\(pipeline.bus.base)")
        #expect(await eventually(timeout: .seconds(10)) { pipeline.commandStatuses(id) == ["failed"] })
        #expect(!String(decoding: device.receive(within: 300), as: UTF8.self).contains("Gr"), "nothing was written")
    }

    @Test func aWaitingCommandPastItsExpiry_isRecordedExpiredByTheTimer_withoutAnyoneAskingOrALogin() async throws {
        let pipeline = try await Pipeline()
        do { _ = try pipeline.login() }
        #expect(await eventually(timeout: .seconds(10)) { (pipeline.json("/api/devices/\(Self.imei)")?["online"] as? Bool) == false })
        let posted = try #require(LocalHTTP.request("POST", port: pipeline.apiPort, "/api/commands",
                                                    json: #"{"device": "\#(Self.imei)", "type": "engine_stop", "expires_in": 1}"#))
        let created = try #require(try JSONSerialization.jsonObject(with: Data(posted.body.utf8)) as? [String: Any])
        let id = try #require(created["id"] as? String)
        let expiresMs = try #require((created["expires_ms"] as? NSNumber)?.int64Value)
        // Only the events are read (the command's own route would show `expired` by the clock alone).
        #expect(await eventually(timeout: .seconds(10)) { pipeline.commandStatuses(id) == ["expired"] })
        let event = try #require(pipeline.commandEvents(id).first)
        #expect((event["time_ms"] as? NSNumber)?.int64Value == expiresMs, "timed at expires_ms")
    }

    private func eventuallyValue(_ pipeline: Pipeline, _ pick: @escaping ([[String: Any]]) -> [String]) async -> [String] {
        var last: [String] = []
        _ = await eventually(timeout: .seconds(10)) {
            last = pick(pipeline.json("/api/events?device=\(Self.imei)")?["events"] as? [[String: Any]] ?? [])
            return Set(last) == ["sent", "acknowledged"]
        }
        return last
    }
}
