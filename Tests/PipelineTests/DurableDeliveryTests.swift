import Foundation
import Testing
import TestSupport
import TrackwireProtocol

/// Durable acks with the real processes: bus, SQLite storage, decoder and gateway. A device is
/// answered only once storage has committed what its frame became.
@Suite(.serialized) struct DurableDeliveryTests {
    /// A pipeline whose gateway listens for GT06 (TCP), Teltonika (UDP) and OsmAnd (HTTP).
    final class Pipeline {
        let base = FreePorts.consecutiveBase()
        let apiPort = FreePorts.one()
        let gatewayMetrics = FreePorts.one()
        let ports = ["gt06": FreePorts.one(), "teltonika": FreePorts.one(), "osmand": FreePorts.one()]
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-durable-\(UUID().uuidString.prefix(8))")
        let bus: TrackwireProcess
        let storage: TrackwireProcess
        let decoder: TrackwireProcess
        let gateway: TrackwireProcess

        init(ackTimeout: String = "60s") throws {
            bus = try TrackwireProcess.bus(base: base)
            let busFlag = ["--bus", "127.0.0.1:\(base)"]
            storage = try TrackwireProcess("tw-storage", busFlag + [
                "--db", directory.appendingPathComponent("tw.db").path, "--http", "127.0.0.1:\(apiPort)",
                "--instance", "st-\(base)", "--batch-age", "50ms",
            ])
            decoder = try TrackwireProcess("tw-decoder", busFlag + ["--http", "off", "--instance", "dec-\(base)"])
            gateway = try TrackwireProcess("tw-gateway", busFlag + [
                "--listen", "gt06:tcp:\(ports["gt06"]!),teltonika:udp:\(ports["teltonika"]!),osmand:http:\(ports["osmand"]!)",
                "--listen-host", "127.0.0.1", "--http", "127.0.0.1:\(gatewayMetrics)", "--instance", "gw-\(base)",
                "--ack", "durable", "--ack-timeout", ackTimeout,
            ])
            for (process, line) in [(storage, "store queue consumer up"), (decoder, "decoder up"), (gateway, "osmand:http:")] {
                guard process.waitFor(line, timeout: 30) else { throw DurablePipelineFailure(description: "\(process.name) did not start: \(process.text)") }
            }
        }

        deinit {
            storage.signal(SIGCONT)
            for process in [gateway, decoder, storage, bus] { _ = process.stop(timeout: 10) }
            try? FileManager.default.removeItem(at: directory)
        }

        /// The stored positions of `device`, from the storage API.
        func storedFixTimes(_ device: String) -> [Int64] {
            guard let data = HTTPGet.body(port: apiPort, path: "/api/positions?device=\(device)"),
                  let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
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

    @Test func storageStopped_devicesOnTcpUdpAndHttpGetNoAck_untilItCommitsAgain() throws {
        let pipeline = try Pipeline()
        let gt06 = try DeviceClient.connecting(port: pipeline.ports["gt06"]!)
        gt06.send(Self.gt06Login.bytes)
        #expect(gt06.receive(exactly: 10) == Self.gt06Login.expectation.derivedReply!, "a login carries nothing to store: answered at once")

        pipeline.storage.signal(SIGSTOP)
        let before = pipeline.framesForwarded
        gt06.send(Self.gt06Position.bytes)
        let udp = try DeviceClient(port: pipeline.ports["teltonika"]!, udp: true, receiveTimeout: 1)
        udp.send(Self.teltonikaDatagram.bytes)
        let http = try DeviceClient.connecting(port: pipeline.ports["osmand"]!)
        let fixMs: Int64 = 1_733_230_000_000
        http.send(Array("GET /?id=durable-http&lat=52.5&lon=13.4&timestamp=\(fixMs) HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        // Positive marker first: all three frames reached the gateway and went on to the bus.
        #expect(eventually(timeout: 15) { pipeline.framesForwarded >= before + 3 })
        Thread.sleep(forTimeInterval: 1)
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

    @Test func commitNotConfirmedInTime_tcpIsClosedUnacked_httpGets503() throws {
        let pipeline = try Pipeline(ackTimeout: "2s")
        let gt06 = try DeviceClient.connecting(port: pipeline.ports["gt06"]!)
        gt06.send(Self.gt06Login.bytes)
        #expect(gt06.receive(exactly: 10).count == 10)
        pipeline.storage.signal(SIGSTOP)
        gt06.send(Self.gt06Position.bytes)
        let http = try DeviceClient.connecting(port: pipeline.ports["osmand"]!)
        http.send(Array("GET /?id=late-http&lat=52.5&lon=13.4&timestamp=1733230000000 HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(String(decoding: http.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 503"), "the app is told to retry")
        #expect(gt06.isClosedByPeer(), "the device is disconnected without an ack, so it resends")
        pipeline.storage.signal(SIGCONT)
    }
}

struct DurablePipelineFailure: Error, CustomStringConvertible {
    let description: String
}
