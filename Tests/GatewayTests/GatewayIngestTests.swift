import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting
import ZMQ

@Suite struct GatewayIngestTests {
    @Test func gt06_loginAndPositions_areAckedByteExactAndForwarded() async throws {
        let harness = try await GatewayHarness(listeners: [("gt06", "tcp")])
        let device = try DeviceClient(port: harness.ports["gt06"]!)
        let login = GatewayCaptures.gt06Login
        device.send(login.bytes)
        #expect(device.receive(exactly: login.expectation.derivedReply!.count) == login.expectation.derivedReply!)
        let first = try #require(try harness.nextFrame())
        #expect(first.deviceID == "864717003283581" && first.protocol == "gt06" && first.sequence == 1)
        #expect(Array(first.payload) == login.bytes)
        let online = try #require(try harness.next(harness.store))
        #expect(online.topic == Topic.session(device: "864717003283581"))
        #expect(try online.decode(Session.self).state == .online)

        for (index, capture) in GatewayCaptures.gt06Positions.prefix(3).enumerated() {
            device.send(capture.bytes)
            let ack = capture.expectation.derivedReply!
            #expect(device.receive(exactly: ack.count) == ack, "ack for \(capture)")
            let frame = try #require(try harness.nextFrame())
            #expect(frame.sequence == UInt64(index + 2) && Array(frame.payload) == capture.bytes)
            #expect(frame.deviceID == "864717003283581")
        }
    }

    @Test func gt06_timeRequest_isAnsweredWithTheGatewaysClock() async throws {
        let harness = try await GatewayHarness(listeners: [("gt06", "tcp")])
        let device = try DeviceClient(port: harness.ports["gt06"]!)
        let login = GatewayCaptures.gt06Login
        device.send(login.bytes)
        _ = device.receive(exactly: login.expectation.derivedReply!.count)
        let before = Date()
        device.send(Hex.decode("7878058a000799a00d0a")!)
        let reply = device.receive(exactly: 16)
        #expect(Array(reply.prefix(4)) == [0x78, 0x78, 0x0B, 0x8A])
        // Year (since 2000), month, day, hour, minute of the gateway's UTC clock.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour], from: before)
        #expect(reply.count == 16 && Int(reply[4]) == parts.year! - 2000 && Int(reply[5]) == parts.month! && Int(reply[6]) == parts.day!)
    }

    @Test func teltonika_tcpImeiGetsOne_avlGetsRecordCount_udpGetsAck() async throws {
        let harness = try await GatewayHarness(listeners: [("teltonika", "tcp"), ("teltonika", "udp")])
        let device = try DeviceClient(port: harness.ports["teltonika"]!)
        let imei = "356307042441013"
        device.send([0x00, UInt8(imei.utf8.count)] + Array(imei.utf8))
        #expect(device.receive(exactly: 1) == [0x01])
        let avl = try #require(Captures.of("teltonika").first {
            $0.transport == "tcp" && $0.note.contains("CRC-16/IBM") && $0.note.contains("OK") && $0.bytes.prefix(4) == [0, 0, 0, 0] && $0.bytes[8] == 0x08
        })
        device.send(avl.bytes)
        let count = UInt32(avl.bytes[9])
        #expect(device.receive(exactly: 4) == withUnsafeBytes(of: count.bigEndian) { Array($0) })
        _ = try harness.nextFrame()
        let frame = try #require(try harness.nextFrame())
        #expect(frame.deviceID == imei && Array(frame.payload) == avl.bytes)

        let datagram = try #require(Captures.of("teltonika").first { $0.transport == "udp" })
        let udp = try DeviceClient(port: harness.ports["teltonika"]!, udp: true)
        udp.send(datagram.bytes)
        let ack = udp.receive()
        #expect(ack.count == 7 && ack.prefix(2) == [0x00, 0x05], "UDP ack \(ack)")
        let udpFrame = try #require(try harness.nextFrame())
        #expect(udpFrame.transport == .udp && udpFrame.deviceID == "357454072713975")
    }

    @Test func osmand_requestGets200AndIsForwarded_missingIdGets400() async throws {
        let harness = try await GatewayHarness(listeners: [("osmand", "http")])
        let client = try DeviceClient(port: harness.ports["osmand"]!)
        client.send(Array("GET /?id=902064&lat=42.06288&lon=-88.23412&timestamp=1442068686579 HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(String(decoding: client.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        let frame = try #require(try harness.nextFrame())
        #expect(frame.deviceID == "902064" && frame.transport == .http)
        client.send(Array("GET /?lat=1&lon=2 HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(String(decoding: client.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 400"))
    }

    @Test func command_reachesTheConnectedGT06Device() async throws {
        let harness = try await GatewayHarness(listeners: [("gt06", "tcp")])
        let device = try DeviceClient(port: harness.ports["gt06"]!)
        device.send(GatewayCaptures.gt06Login.bytes)
        _ = device.receive(exactly: 10)
        _ = try harness.nextFrame()
        let command = Command.with { $0.id = "c1"; $0.deviceID = "864717003283581"; $0.type = "engine_stop" }
        let body: [UInt8] = try command.serializedBytes()
        var received: [UInt8] = []
        // The gateway's SUB may join late (slow joiner): republish until the device sees bytes.
        try harness.commands.publishRepeatedly(Envelope(topic: Topic.command(device: command.deviceID), body: body), intervalMs: 0) {
            received = device.receive(within: 200)
            return !received.isEmpty
        }
        #expect(received.starts(with: [0x78, 0x78]) && received[3] == 0x80)
        #expect(String(decoding: received, as: UTF8.self).contains("Relay,1#"))
    }
}
