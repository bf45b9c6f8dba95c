import Foundation
import Testing
import TestSupport
import TrackwireProtocol
import TrackwireTesting

/// Sessions without a connection to lose end by silence: a UDP device's session goes offline
/// after `--idle-timeout` without a datagram, and comes back online with its next one.
@Suite(.serialized) struct GatewaySessionTimeoutTests {
    @Test func udpSession_silentForTheIdleTimeout_goesOffline_andItsNextDatagramBringsItBack() async throws {
        let harness = try await GatewayHarness(listeners: [("teltonika", "udp")], extra: ["--idle-timeout", "2s"])
        let datagram = try #require(Captures.of("teltonika").first { $0.transport == "udp" })
        let udp = try DeviceClient(port: harness.ports["teltonika"]!, udp: true)
        udp.send(datagram.bytes)
        #expect(udp.receive().count == 7, "acked")
        let online = try #require(try harness.nextMessage(on: harness.store) { $0.topic.hasPrefix("ses.") })
        #expect(try online.decode(Session.self).state == .online)
        let started = ContinuousClock.now
        let offline = try #require(try harness.nextMessage(on: harness.store, timeoutMs: 10_000) { $0.topic.hasPrefix("ses.") })
        let session = try offline.decode(Session.self)
        #expect(session.state == .offline && session.reason == "idle_timeout" && session.deviceID == "357454072713975")
        #expect(ContinuousClock.now - started >= .milliseconds(1500), "not before the idle timeout")
        udp.send(datagram.bytes)
        #expect(udp.receive().count == 7)
        let again = try #require(try harness.nextMessage(on: harness.store) { $0.topic.hasPrefix("ses.") })
        #expect(try again.decode(Session.self).state == .online)
    }

    @Test func httpDevice_oneSessionAcrossItsRequests_offlineAfterTheIdleTimeout() async throws {
        let harness = try await GatewayHarness(listeners: [("osmand", "http")], extra: ["--idle-timeout", "2s"])
        for second in 0..<3 {
            let client = try DeviceClient(port: harness.ports["osmand"]!)
            client.send(Array("GET /?id=http-1&lat=52.5&lon=13.4&timestamp=\(1_733_230_000 + second) HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".utf8))
            #expect(String(decoding: client.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200"))
            #expect(client.isClosedByPeer(), "one connection per request, as the apps do")
        }
        var sessions: [Session] = []
        while let message = try harness.nextMessage(on: harness.store, timeoutMs: 8_000, where: { $0.topic.hasPrefix("ses.") }) {
            let session = try message.decode(Session.self)
            sessions.append(session)
            if session.state == .offline { break }
        }
        #expect(sessions.map(\.state) == [.online, .offline], "one session, not one per connection: \(sessions.map(\.reason))")
        #expect(sessions.last?.reason == "idle_timeout" && sessions.allSatisfy { $0.deviceID == "http-1" })
        #expect(Set(sessions.map(\.sessionID)).count == 1)
    }
}
