import Foundation
import Testing
import TestSupport
import TrackwireProtocol
import TrackwireTesting

/// Position filters with the real processes: bus, SQLite storage, a decoder with filters on and a
/// durable-ack gateway for OsmAnd over HTTP. A filtered fix is answered like any other (its
/// `filtered` record is what storage committed), kept as a dead letter of stage `filter` and
/// counted per reason, while the good fixes around it are stored.
@Suite(.serialized) struct PositionFilterPipelineTests {
    @Test func zeroInvalidDuplicateAndFutureFixes_areFilteredAndAcked_whileGoodOnesAreStored() async throws {
        let bus = try await BusProcess.start()
        defer { _ = bus.stop() }
        let apiPort = FreePorts.one(), decoderMetrics = FreePorts.one(), gatewayMetrics = FreePorts.one(), osmand = FreePorts.one()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-filter-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let busFlag = ["--bus", bus.address]
        let storage = try await bus.startStorage(directory: directory, apiPort: apiPort)
        defer { _ = storage.stop() }
        let decoder = try await bus.startDecoder(http: "127.0.0.1:\(decoderMetrics)", [
            "--filter-zero", "--filter-invalid", "--filter-duplicate", "--filter-future", "1d",
        ])
        defer { _ = decoder.stop() }
        let gateway = try await ChildProcess.start("tw-gateway", busFlag + [
            "--listen", "osmand:http:\(osmand)", "--listen-host", "127.0.0.1", "--http", "127.0.0.1:\(gatewayMetrics)",
            "--instance", "gw-\(bus.base)", "--ack", "durable",
        ], ready: [.healthz(port: gatewayMetrics), .logLine("listening", "osmand:http:")])
        defer { _ = gateway.stop() }

        let t0: Int64 = 1_733_230_000_000
        let future = Int64(Date().timeIntervalSince1970 * 1000) + 3 * 86_400_000
        let requests = [
            "id=flt&lat=52.5&lon=13.4&timestamp=\(t0)",  // good
            "id=flt&lat=0&lon=0&timestamp=\(t0 + 10_000)",  // zero
            "id=flt&lat=52.5&lon=13.4&valid=false&timestamp=\(t0 + 20_000)",  // invalid
            "id=flt&lat=52.6&lon=13.4&timestamp=\(t0)",  // duplicate of the first fix's time
            "id=flt&lat=52.5&lon=13.4&timestamp=\(future)",  // future
            "id=flt&lat=52.7&lon=13.4&timestamp=\(t0 + 30_000)",  // good
        ]
        for query in requests {
            let client = try DeviceClient(port: osmand)
            client.send(Array("GET /?\(query) HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
            let reply = String(decoding: client.receive(), as: UTF8.self)
            #expect(reply.hasPrefix("HTTP/1.1 200"), "every fix is answered once storage committed what it became: \(query) got \(reply.prefix(40))")
        }

        #expect(Self.storedFixTimes(apiPort, "flt") == [t0, t0 + 30_000])
        let records = Self.filteredRecords(apiPort)
        #expect(records.sorted() == ["duplicate", "future", "invalid", "zero"], "\(records)")
        let scrape = PrometheusScrape(port: decoderMetrics)
        for reason in ["zero", "invalid", "duplicate", "future"] {
            #expect(scrape.sum("trackwire_filtered_total", "reason=\"\(reason)\"") == 1, "\(reason) counted once")
        }
    }

    @Test func withDecodersShardedByPartition_everyResendIsADuplicate_thoughTwoDecodersShareTheWork() async throws {
        let bus = try await BusProcess.start()
        defer { _ = bus.stop() }
        let apiPort = FreePorts.one(), gatewayMetrics = FreePorts.one(), osmand = FreePorts.one()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-shards-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let storage = try await bus.startStorage(directory: directory, apiPort: apiPort)
        defer { _ = storage.stop() }
        // Two decoders, each binding its own frames queue: the gateway picks one by partition.
        var decoders: [(process: ChildProcess, metrics: Int)] = []
        defer { for decoder in decoders { _ = decoder.process.stop() } }
        var framesEndpoints: [String] = []
        for _ in 0..<2 {
            let frames = FreePorts.one(), metrics = FreePorts.one()
            framesEndpoints.append(">tcp://127.0.0.1:\(frames)")
            decoders.append((try await bus.startDecoder(http: "127.0.0.1:\(metrics)", [
                "--frames", "@tcp://127.0.0.1:\(frames)", "--filter-duplicate",
            ]), metrics))
        }
        let gateway = try await ChildProcess.start("tw-gateway", ["--bus", bus.address,
            "--listen", "osmand:http:\(osmand)", "--listen-host", "127.0.0.1", "--http", "127.0.0.1:\(gatewayMetrics)",
            "--instance", "gw-\(bus.base)", "--ack", "durable", "--frames", framesEndpoints.joined(separator: ","), "--frames-by-partition",
        ], ready: [.healthz(port: gatewayMetrics), .logLine("listening", "osmand:http:")])
        defer { _ = gateway.stop() }

        let t0: Int64 = 1_733_230_000_000
        let devices = (0..<8).map { "shard-dev-\($0)" }
        for device in devices {
            // A fix, three resends of it, the next fix: with the frames of one device spread over
            // both decoders, a resend reaching the other decoder would not be a duplicate there.
            for time in [t0, t0, t0, t0, t0 + 10_000] {
                let client = try DeviceClient(port: osmand)
                client.send(Array("GET /?id=\(device)&lat=52.5&lon=13.4&timestamp=\(time) HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
                #expect(String(decoding: client.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200"))
            }
        }
        for device in devices { #expect(Self.storedFixTimes(apiPort, device) == [t0, t0 + 10_000], "\(device)") }
        let scrapes = decoders.map { PrometheusScrape(port: $0.metrics) }
        #expect(scrapes.map { $0.sum("trackwire_filtered_total", "reason=\"duplicate\"") }.reduce(0, +) == 24, "every resend filtered")
        #expect(scrapes.allSatisfy { $0.sum("trackwire_received_total") > 0 }, "both decoders decoded frames")
    }

    static func storedFixTimes(_ port: Int, _ device: String) -> [Int64] {
        guard let response = LocalHTTP.get(port: port, "/api/positions?device=\(device)"), response.status == 200,
              let json = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
              let positions = json["positions"] as? [[String: Any]] else { return [] }
        return positions.compactMap { ($0["fix_time_ms"] as? NSNumber)?.int64Value }
    }

    /// The error types of the stored dead letters of stage `filter`.
    static func filteredRecords(_ port: Int) -> [String] {
        guard let response = LocalHTTP.get(port: port, "/api/dead-letters"), response.status == 200,
              let json = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
              let letters = json["dead_letters"] as? [[String: Any]] else { return [] }
        return letters.filter { $0["stage"] as? String == "filter" }.compactMap { $0["error_type"] as? String }
    }
}
