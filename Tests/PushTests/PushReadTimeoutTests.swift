import Foundation
import TestSupport
import Testing
import TrackwireTesting

/// `--http-read-timeout` on the real tw-push: a stalled partial request head is closed and counted,
/// while a server-sent-events stream and a WebSocket, whose answers go on, outlive the timeout.
@Suite(.serialized) struct PushReadTimeoutTests {
    @Test func partialHeaderIsClosed_butEventStreamsAndWebSocketsOutliveTheTimeout() async throws {
        let harness = try await PushHarness(pushArguments: ["--http-read-timeout", "3s"])
        let port = harness.httpPort
        let stream = try DeviceClient(port: port)
        stream.send(Array("GET /sse?all HTTP/1.1\r\nHost: t\r\n\r\n".utf8))
        #expect(String(decoding: stream.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        let socket = try DeviceClient(port: port)
        let upgrade = PushTokenTests.upgrade.map { "\($0.key): \($0.value)\r\n" }.joined()
        socket.send(Array("GET /ws?all HTTP/1.1\r\nHost: t\r\n\(upgrade)\r\n".utf8))
        #expect(String(decoding: socket.receive(), as: UTF8.self).hasPrefix("HTTP/1.1 101"))

        let slow = try DeviceClient(port: port)
        slow.send(Array("GET /sse?all HTTP/1.1\r\nHost: t\r\n".utf8))
        #expect(slow.isClosedByPeer(), "the stalled request is closed, not held")
        #expect(await eventually { PrometheusScrape(port: port).sum("trackwire_dropped_total", ["reason=\"http_read_timeout\""]) >= 1 })
        // What they were sent so far is read first, so that a close behind it would show.
        _ = (stream.receiveNow(upTo: 1 << 20), socket.receiveNow(upTo: 1 << 20))
        #expect(!stream.isClosedByPeer(), "the event stream, begun before the slow client, is still open past the timeout")
        #expect(!socket.isClosedByPeer(), "so is the WebSocket")
    }
}
