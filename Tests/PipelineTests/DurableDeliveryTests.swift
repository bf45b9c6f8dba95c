import Foundation
import Testing
import TestSupport
import TrackwireProtocol
import TrackwireTesting

/// Durable acks with the real processes: bus, SQLite storage, decoder and gateway. A device is
/// answered only once storage has committed what its frame became.
@Suite(.serialized) struct DurableDeliveryTests {
    /// A pipeline whose gateway listens for GT06 (TCP), Teltonika (UDP) and OsmAnd (HTTP).
    final class Pipeline {
        let apiPort = FreePorts.one()
        let gatewayMetrics = FreePorts.one()
        let ports = ["gt06": FreePorts.one(), "teltonika": FreePorts.one(), "osmand": FreePorts.one()]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-durable-\(UUID().uuidString.prefix(8))")
        let bus: BusProcess
        let storage: ChildProcess
        let decoder: ChildProcess
        let gateway: ChildProcess

        init(ackTimeout: String = "60s") async throws {
            bus = try await BusProcess.start()
            let busFlag = ["--bus", bus.address]
            storage = try await bus.startStorage(directory: directory, apiPort: apiPort)
            decoder = try await bus.startDecoder()
            gateway = try await ChildProcess.start("tw-gateway", busFlag + [
                "--listen", "gt06:tcp:\(ports["gt06"]!),teltonika:udp:\(ports["teltonika"]!),osmand:http:\(ports["osmand"]!)",
                "--listen-host", "127.0.0.1", "--http", "127.0.0.1:\(gatewayMetrics)", "--instance", "gw-\(bus.base)",
                "--ack", "durable", "--ack-timeout", ackTimeout,
            ], ready: [.healthz(port: gatewayMetrics), .logLine("listening", "osmand:http:")])
        }

        deinit {
            storage.signal(SIGCONT)
            for process in [gateway, decoder, storage] { _ = process.stop(patience: .seconds(10)) }
            _ = bus.stop()
            try? FileManager.default.removeItem(at: directory)
        }

        /// The stored fix times of `device`, from the storage API.
        func storedFixTimes(_ device: String) -> [Int64] {
            guard let response = LocalHTTP.get(port: apiPort, "/api/positions?device=\(device)"), response.status == 200,
                  let json = try? JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any],
                  let positions = json["positions"] as? [[String: Any]] else { return [] }
            return positions.compactMap { ($0["fix_time_ms"] as? NSNumber)?.int64Value }
        }

        /// The gateway's forwarded-frames counter: the positive marker that a frame got in.
        var framesForwarded: Double { PrometheusScrape(port: gatewayMetrics).sum("trackwire_frames_total", []) }
    }

    static let gt06Login = Captures.of("gt06").first { $0.note.contains("server reply: login") && $0.note.contains("CRC-16/X-25 over bytes[2:-4] OK") }!
    static let gt06Position = Captures.of("gt06").first {
        $0.expectation.check == .position && $0.note.contains("OK (") && $0.expectation.derivedReply != nil && $0.bytes[3] == 0x12
    }!
    static let teltonikaDatagram = Captures.of("teltonika").first { $0.transport == "udp" }!

    @Test func storageStopped_devicesOnTcpUdpAndHttpGetNoAck_untilItCommitsAgain() async throws {
        let pipeline = try await Pipeline()
        let gt06 = try DeviceClient(port: pipeline.ports["gt06"]!)
        gt06.send(Self.gt06Login.bytes)
        #expect(gt06.receive(exactly: 10) == Self.gt06Login.expectation.derivedReply!, "a login carries nothing to store: answered at once")

        pipeline.storage.signal(SIGSTOP)
        let before = pipeline.framesForwarded
        gt06.send(Self.gt06Position.bytes)
        let udp = try DeviceClient(port: pipeline.ports["teltonika"]!, udp: true, receiveTimeout: 1)
        udp.send(Self.teltonikaDatagram.bytes)
        let http = try DeviceClient(port: pipeline.ports["osmand"]!)
        let fixMs: Int64 = 1_733_230_000_000
        http.send(Array("GET /?id=durable-http&lat=52.5&lon=13.4&timestamp=\(fixMs) HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        // Positive marker first: all three frames reached the gateway and went on to the bus.
        #expect(await eventually(timeout: .seconds(15)) { pipeline.framesForwarded >= before + 3 })
        // Give a wrong implementation (one that acks on receipt) a moment to show itself.
        try await Task.sleep(for: .seconds(1))
        #expect(gt06.receiveNow().isEmpty, "GT06: no ack while storage cannot commit")
        #expect(udp.receive().isEmpty, "Teltonika UDP: no ack while storage cannot commit")
        #expect(http.receiveNow().isEmpty, "OsmAnd: no response while storage cannot commit")

        pipeline.storage.signal(SIGCONT)
        #expect(gt06.receive(exactly: 10) == Self.gt06Position.expectation.derivedReply!, "GT06 acked after the commit")
        let udpAck = udp.receive()
        #expect(udpAck.count == 7 && udpAck.prefix(2) == [0x00, 0x05], "Teltonika UDP acked after the commit: \(udpAck)")
        #expect(String(decoding: http.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200"), "OsmAnd answered 200 after the commit")
        #expect(pipeline.storedFixTimes("durable-http") == [fixMs])
        #expect(!pipeline.storedFixTimes("864717003283581").isEmpty, "the GT06 position is stored")
        #expect(!pipeline.storedFixTimes("357454072713975").isEmpty, "the Teltonika position is stored")
    }

    @Test func commitNotConfirmedInTime_tcpIsClosedUnacked_httpGets503() async throws {
        let pipeline = try await Pipeline(ackTimeout: "2s")
        let gt06 = try DeviceClient(port: pipeline.ports["gt06"]!)
        gt06.send(Self.gt06Login.bytes)
        #expect(gt06.receive(exactly: 10).count == 10)
        pipeline.storage.signal(SIGSTOP)
        gt06.send(Self.gt06Position.bytes)
        let http = try DeviceClient(port: pipeline.ports["osmand"]!)
        http.send(Array("GET /?id=late-http&lat=52.5&lon=13.4&timestamp=1733230000000 HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(String(decoding: http.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 503"), "the app is told to retry")
        #expect(gt06.isClosedByPeer(), "the device is disconnected without an ack, so it resends")
        pipeline.storage.signal(SIGCONT)
    }
}

