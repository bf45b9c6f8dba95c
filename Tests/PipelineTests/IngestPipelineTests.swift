import Codecs
import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// Issue 3's end-to-end proof: real devices → tw-gateway → tw-bus → two tw-decoders → positions on
/// the broadcast channel and on the store queue.
@Suite struct IngestPipelineTests {
    static let gt06IMEI = "864717003283581"
    static let teltonikaIMEI = "356307042441013"

    @Test func devices_toPositionsOnBroadcastAndStoreQueue_sharedByTwoDecoders() async throws {
        let pipeline = try await PipelineHarness(decoders: 2, listeners: [("gt06", "tcp"), ("teltonika", "tcp"), ("teltonika", "udp"), ("osmand", "http")])
        // Both decoders must be connected before frames flow, or the first takes them all.
        let heartbeats = try pipeline.tap.collect(timeout: .seconds(20)) { seen in
            Set(seen.filter { $0.topic.hasPrefix("hb.decoder.") }.map(\.topic)).count == 2
        }
        #expect(Set(heartbeats.filter { $0.topic.hasPrefix("hb.decoder.") }.map(\.topic)).count == 2)

        var expected: [(device: String, position: Position)] = []
        // GT06: login, then positions; every ack byte-exact.
        let gt06 = try DeviceClient(port: pipeline.devicePorts["gt06"]!)
        let login = Captures.of("gt06").first { $0.note.contains("server reply: login") && $0.note.contains("OK (") }!
        gt06.send(login.bytes)
        #expect(gt06.receive(exactly: 10) == login.expectation.derivedReply!)
        let gt06Positions = Captures.of("gt06").filter {
            $0.expectation.check == .position && $0.note.contains("OK (") && $0.expectation.decoderOptions.isEmpty && [0x12, 0x22].contains($0.bytes[3])
        }.prefix(6)
        for capture in gt06Positions {
            gt06.send(capture.bytes)
            #expect(gt06.receive(exactly: 10) == capture.expectation.derivedReply!)
            expected += try Self.decode(capture.bytes, codec: "gt06", device: Self.gt06IMEI).map { (Self.gt06IMEI, $0) }
        }
        // Teltonika TCP: IMEI → 01, AVL packet → its record count.
        let teltonika = try DeviceClient(port: pipeline.devicePorts["teltonika"]!)
        teltonika.send([0x00, 0x0F] + Array(Self.teltonikaIMEI.utf8))
        #expect(teltonika.receive(exactly: 1) == [0x01])
        let avl = Captures.of("teltonika").first { $0.transport == "tcp" && $0.bytes.prefix(4) == [0, 0, 0, 0] && $0.bytes[8] == 0x08 && $0.note.contains("OK") }!
        teltonika.send(avl.bytes)
        #expect(teltonika.receive(exactly: 4) == [0, 0, 0, avl.bytes[9]])
        expected += try Self.decode(avl.bytes, codec: "teltonika", device: Self.teltonikaIMEI).map { (Self.teltonikaIMEI, $0) }
        // Teltonika UDP: a datagram gets its ack.
        let datagram = Captures.of("teltonika").first { $0.transport == "udp" }!
        let udp = try DeviceClient(port: pipeline.devicePorts["teltonika"]!, udp: true)
        udp.send(datagram.bytes)
        #expect(udp.receive().prefix(2) == [0x00, 0x05])
        expected += try Self.decode(datagram.bytes, codec: "teltonika", device: nil, transport: .udp).map { ($0.deviceID, $0) }
        // OsmAnd: an HTTP request gets 200.
        let osmand = try DeviceClient(port: pipeline.devicePorts["osmand"]!)
        osmand.send(Array("GET /?id=902064&lat=42.06288&lon=-88.23412&timestamp=1442068686579 HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(String(decoding: osmand.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        expected.append(("902064", Position.with { $0.fixTimeMs = 1_442_068_686_579; $0.latitude = 42.06288; $0.longitude = -88.23412 }))

        let broadcast = try pipeline.tap.collect(timeout: .seconds(20)) { $0.filter { $0.topic.hasPrefix("pos.") }.count >= expected.count }
        let stored = try pipeline.storeQueue.collect(timeout: .seconds(20)) { $0.filter { $0.topic.hasPrefix("pos.") }.count >= expected.count }
        for (name, envelopes) in [("broadcast", broadcast), ("store queue", stored)] {
            let positions = envelopes.filter { $0.topic.hasPrefix("pos.") }.compactMap { try? $0.decode(Position.self) }
            for (device, want) in expected {
                let match = positions.contains {
                    $0.deviceID == device && $0.fixTimeMs == want.fixTimeMs
                        && abs($0.latitude - want.latitude) < 1e-6 && abs($0.longitude - want.longitude) < 1e-6
                }
                #expect(match, "\(name): no position for \(device) at \(want.fixTimeMs) (\(want.latitude), \(want.longitude))")
            }
            for envelope in envelopes where envelope.topic.hasPrefix("pos.") {
                let position = try envelope.decode(Position.self)
                #expect(envelope.topic == Topic.position(device: position.deviceID))
            }
        }

        // Both decoders did part of the work (their heartbeat counters).
        let later = try pipeline.tap.collect(timeout: .seconds(5)) { seen in
            Set(seen.filter { $0.topic.hasPrefix("hb.decoder.") }.map(\.topic)).count == 2
        }
        var received: [String: UInt64] = [:]
        for envelope in later where envelope.topic.hasPrefix("hb.decoder.") {
            received[envelope.topic] = try envelope.decode(Heartbeat.self).counters["received"] ?? 0
        }
        #expect(received.count == 2 && received.values.allSatisfy { $0 > 0 }, "frames per decoder: \(received)")

        // A cmd. message reaches the connected GT06 device as bytes.
        let command = try Command.with { $0.deviceID = Self.gt06IMEI; $0.type = "engine_stop"; $0.id = "c1" }.serializedBytes() as [UInt8]
        var bytes: [UInt8] = []
        // The gateway's SUB may join late (slow joiner): republish until the device sees bytes.
        try pipeline.commands.publishRepeatedly(Envelope(topic: Topic.command(device: Self.gt06IMEI), body: command), intervalMs: 0) {
            bytes = gt06.receive(within: 200)
            return !bytes.isEmpty
        }
        #expect(String(decoding: bytes, as: UTF8.self).contains("Relay,1#"))
    }

    static func decode(_ bytes: [UInt8], codec name: String, device: String?, transport: Transport = .tcp) throws -> [Position] {
        let codec = try #require(CodecRegistry.codec(named: name))
        return try codec.decode(bytes, context: DecodeContext(deviceId: device, transport: transport, receivedAtMs: 0)).positions
    }
}
