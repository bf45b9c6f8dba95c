import Foundation
import Testing
import TrackwireTesting

/// Two tw-bus instances and every stage joined to both (`--bus a,b`): killing one bus under `tw
/// sim` load loses no acknowledged position, and neither the WebSocket stream nor the events
/// carry a message twice although each broadcast reaches its subscribers through both buses.
@Suite(.serialized) struct TwoBusPipelineTests {
    final class Pipeline {
        let apiPort = FreePorts.one()
        let pushPort = FreePorts.one()
        let gatewayMetrics = FreePorts.one()
        let ports = ["gt06": FreePorts.one(), "osmand": FreePorts.one()]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-twobus-\(UUID().uuidString.prefix(8))")
        let buses: [BusProcess]
        var stages: [ChildProcess] = []

        init() async throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            buses = [try await BusProcess.start(label: "bus-a"), try await BusProcess.start(label: "bus-b")]
            let (first, second) = (buses[0], buses[1])
            let both = ["--bus", first.busFlag([second])]
            stages.append(try await first.startStorage(directory: directory, apiPort: apiPort, alsoOn: [second]))
            stages.append(try await ChildProcess.start("tw-push", both + [
                "--http", "127.0.0.1:\(pushPort)", "--instance", "push-\(first.base)", "--outbox", directory.appendingPathComponent("outbox.db").path,
            ], ready: [.healthz(port: pushPort)]))
            stages.append(try await ChildProcess.start("tw-geofence", both + [
                "--http", "off", "--instance", "geo-\(first.base)", "--geofences", RepositoryPaths.root.appendingPathComponent("deploy/demo/geofences.geojson").path,
                "--state-dir", directory.appendingPathComponent("geofence").path,
            ], ready: [.logLine("geofence up")]))
            for _ in 0..<2 { stages.append(try await first.startDecoder(alsoOn: [second])) }
            stages.append(try await ChildProcess.start("tw-gateway", both + [
                "--listen", "gt06:tcp:\(ports["gt06"]!),osmand:http:\(ports["osmand"]!)", "--listen-host", "127.0.0.1",
                "--http", "127.0.0.1:\(gatewayMetrics)", "--instance", "gw-\(first.base)", "--ack", "durable", "--ack-timeout", "3s",
            ], ready: [.healthz(port: gatewayMetrics), .logLine("listening", "osmand:http:")]))
        }

        deinit {
            for process in stages.reversed() { _ = process.stop(patience: .seconds(10)) }
            for bus in buses { _ = bus.stop() }
            try? FileManager.default.removeItem(at: directory)
        }

        /// (device, fix ms) of every position stored for `device`, from the storage API.
        func stored(_ device: String) -> Set<String> {
            guard let response = LocalHTTP.get(port: apiPort, "/api/positions?device=\(device)&limit=10000"), response.status == 200,
                  let json = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
                  let positions = json["positions"] as? [[String: Any]] else { return [] }
            return Set(positions.compactMap { ($0["fix_time_ms"] as? NSNumber).map { "\(device),\($0.int64Value)" } })
        }
    }

    @Test(arguments: [0, 1])
    func killingEitherBusUnderLoad_losesNothingAcked_andNoClientSeesAMessageTwice(killed: Int) async throws {
        let pipeline = try await Pipeline()
        let ledger = pipeline.directory.appendingPathComponent("ledger.csv")
        let client = try WebSocketClient.start("ws://127.0.0.1:\(pipeline.pushPort)/ws?all", in: pipeline.directory, seconds: 120)
        #expect(await client.waitForLine(timeout: .seconds(30)) { $0.contains("\"hello\"") } != nil)
        let sim = try ChildProcess(trackwire: "tw", [
            "sim", "--devices", "40", "--rate", "2", "--protocols", "gt06,osmand", "--duration", "16s", "--drain", "40s",
            "--area", "52.515,13.38,3", "--ledger", ledger.path, "--json", "--id-base", String(862_000_000_000_000 + pipeline.buses[0].base * 100),
            "--port", "gt06=\(pipeline.ports["gt06"]!)", "--port", "osmand=\(pipeline.ports["osmand"]!)",
        ])
        // Under load first: positions reach the WebSocket client, then one bus dies for good.
        #expect(await eventually(timeout: .seconds(30)) { Self.positions(client).count >= 100 }, "\(client.stdout)")
        pipeline.buses[killed].process.signal(SIGKILL)
        let before = Self.positions(client).count
        #expect(await eventually(timeout: .seconds(30)) { Self.positions(client).count >= before + 200 }, "the stream stopped with one bus gone")
        // One bus still connects every socket: the stages stay healthy (ready) without the other.
        #expect(await eventually { LocalHTTP.get(port: pipeline.gatewayMetrics, "/healthz")?.status == 200 })
        #expect(LocalHTTP.get(port: pipeline.pushPort, "/healthz")?.status == 200)
        #expect(await sim.waitForExit(timeout: .seconds(90)) == .exited(0), "\(sim.stderr)")

        let acked = Set(try String(contentsOf: ledger, encoding: .utf8).split(separator: "\n").map(String.init))
        let devices = Set(acked.map { String($0.split(separator: ",")[0]) })
        let stored = devices.reduce(into: Set<String>()) { $0.formUnion(pipeline.stored($1)) }
        #expect(acked.count > 300, "too little load to say anything: \(acked.count) acked")
        #expect(acked.subtracting(stored).isEmpty, "acked but not stored: \(acked.subtracting(stored).sorted().prefix(10))")

        // A message delivered twice has the same device, fix and server receive time; a device's
        // resend after the bus died is a new frame (new receive time) and is not one.
        try await Task.sleep(for: .seconds(2))
        await client.killAndWait()
        let keys = Self.positions(client).map { "\($0["device_id"] ?? "")/\($0["fix_time_ms"] ?? "")/\($0["server_time_ns"] ?? "")" }
        #expect(keys.count > before + 200)
        #expect(keys.count == Set(keys).count, "\(keys.count - Set(keys).count) positions reached the WebSocket twice")
        let events = Self.messages(client).filter { $0["type"] as? String == "event" }.compactMap { ($0["data"] as? [String: Any])?["id"] as? String }
        #expect(!events.isEmpty, "no geofence or device event reached the stream")
        #expect(events.count == Set(events).count, "events raised or delivered twice: \(events.count - Set(events).count)")
    }

    @Test func aBusGivenSeveralAddresses_refusesToStart_sayingEachBusIsItsOwnProcess() async throws {
        let bus = try ChildProcess(trackwire: "tw-bus", ["--bus", "127.0.0.1:7600,127.0.0.1:7700", "--validate"])
        #expect(await bus.waitForExit() == .exited(2))
        #expect(bus.stderr.contains("start one tw-bus per address"), "\(bus.stderr)")
    }

    static func messages(_ client: ChildProcess) -> [[String: Any]] {
        client.lines().compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
    }

    /// The position objects (`data`) of a client's position messages.
    static func positions(_ client: ChildProcess) -> [[String: Any]] {
        messages(client).filter { $0["type"] as? String == "position" }.compactMap { $0["data"] as? [String: Any] }
    }
}
