import Foundation
import TestSupport
import Testing
import TrackwireProtocol
import TrackwireTesting

/// The abuse limits on a real tw-gateway with real sockets: connections per address (TCP, UDP,
/// HTTP), frames per second per device, connections that never log in kept apart from devices,
/// and the read timeout of the OsmAnd HTTP port. Each refusal is counted and leaves an
/// `err.gateway` reject.
@Suite(.serialized) struct GatewayLimitsTests {
    @Test func connectionsPerAddress_beyondTheLimitAreRefused_onTCP_UDP_andHTTP() async throws {
        let harness = try await GatewayHarness(
            listeners: [("gt06", "tcp"), ("teltonika", "udp"), ("osmand", "http")], extra: ["--max-connections-per-address", "2"]
        )
        let first = try DeviceClient(port: harness.ports["gt06"]!)
        let second = try DeviceClient(port: harness.ports["gt06"]!)
        let third = try DeviceClient(port: harness.ports["gt06"]!)
        #expect(third.isClosedByPeer(), "a third connection from 127.0.0.1 is closed at once")
        #expect(try rejectNamed("address_limit", harness) != nil)
        let http = try DeviceClient(port: harness.ports["osmand"]!)
        #expect(http.isClosedByPeer(), "the HTTP port shares the address's budget")
        let peer = try DeviceClient(port: harness.ports["teltonika"]!, udp: true)
        peer.send([0x00, 0x0F, 0xCA, 0xFE])
        #expect(await harness.waitForCounter("trackwire_dropped_total", "protocol=\"teltonika\"", "reason=\"address_limit\"", atLeast: 1),
                "so does a new UDP peer")
        first.send(GatewayCaptures.gt06Login.bytes)
        #expect(first.receive(exactly: 10).count == 10, "the admitted connections still work")
        withExtendedLifetime(second) {}
    }

    @Test func frameRate_framesBeyondTheDevicesRateGetNoAck_areRejected_andTheConnectionStays() async throws {
        let harness = try await GatewayHarness(listeners: [("gt06", "tcp"), ("osmand", "http")], extra: ["--max-frame-rate", "1"])
        let device = try DeviceClient(port: harness.ports["gt06"]!)
        device.send(GatewayCaptures.gt06Login.bytes)
        #expect(device.receive(exactly: 10).count == 10)
        let positions = GatewayCaptures.gt06Positions
        for index in 0..<3 { device.send(positions[index % positions.count].bytes) }
        #expect(await harness.waitForCounter("trackwire_bad_frames_total", "reason=\"rate_limited\"", atLeast: 2))
        #expect(device.receive(within: 1_000).count == 10, "a burst of two frames (login and one position) at 1 a second, then no ack")
        let reject = try #require(try rejectNamed("rate_limited", harness))
        #expect(try Frame(serializedBytes: reject.body).deviceID.isEmpty == false)
        try await Task.sleep(for: .milliseconds(1_500))
        device.send(positions[0].bytes)
        #expect(device.receive(exactly: 10).count == 10, "the connection stays open and is acked again once the rate allows")

        let client = try DeviceClient(port: harness.ports["osmand"]!)
        let statuses = (0..<3).map { index in
            client.send(Array("GET /?id=rate-1&lat=52.5&lon=13.4&timestamp=\(1_733_230_000 + index) HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
            return String(decoding: client.receive(), as: UTF8.self).prefix(12)
        }
        #expect(statuses == ["HTTP/1.1 200", "HTTP/1.1 200", "HTTP/1.1 429"], "HTTP devices beyond their rate get 429")
    }

    @Test func connectionsThatNeverLogIn_doNotLockOutDevices() async throws {
        let harness = try await GatewayHarness(
            listeners: [("gt06", "tcp")], extra: ["--max-unidentified", "20", "--max-connections", "2", "--login-timeout", "60s"]
        )
        let port = harness.ports["gt06"]!
        let silent = try (0..<200).map { _ in try DeviceClient(port: port) }
        #expect(await harness.waitForCounter("trackwire_dropped_total", "reason=\"unidentified_evicted\"", atLeast: 180))
        #expect(harness.counter("trackwire_unidentified_connections") <= 20)
        let honest = try DeviceClient(port: port)
        honest.send(GatewayCaptures.gt06Login.bytes)
        #expect(honest.receive(exactly: 10).count == 10, "200 connections that never log in take neither --max-connections nor the device's login")
        #expect(try rejectNamed("unidentified_evicted", harness) != nil)
        #expect(harness.counter("trackwire_dropped_total", "reason=\"max_connections\"") == 0)
        withExtendedLifetime(silent) {}
    }

    @Test func osmandPort_partialHeaderThatStalls_isClosedAfterTheReadTimeout() async throws {
        let harness = try await GatewayHarness(listeners: [("osmand", "http")], extra: ["--http-read-timeout", "1s"])
        let slow = try DeviceClient(port: harness.ports["osmand"]!)
        slow.send(Array("GET /?id=slow-1&lat=52.5&lon=13.4 HTTP/1.1\r\nHost: t\r\n".utf8))
        #expect(slow.isClosedByPeer(), "a request head never finished is closed, not held for the idle timeout")
        #expect(await harness.waitForCounter("trackwire_dropped_total", "reason=\"read_timeout\"", atLeast: 1))
        #expect(try rejectNamed("read_timeout", harness) != nil)
        let honest = try DeviceClient(port: harness.ports["osmand"]!)
        honest.send(Array("GET /?id=ok-1&lat=52.5&lon=13.4&timestamp=1733230000 HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(String(decoding: honest.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200"))
    }

    /// The first `err.gateway` reject on the store queue with this error type.
    private func rejectNamed(_ errorType: String, _ harness: GatewayHarness) throws -> Reject? {
        try harness.nextMessage(on: harness.store) {
            $0.topic == "err.gateway" && (try? $0.decode(Reject.self).errorType) == errorType
        }.map { try $0.decode(Reject.self) }
    }
}
