import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting

/// The acceptance cases with real binaries (tw-bus, tw-push) and real clients: Python `websockets`,
/// `curl -N` for SSE, and a Python http.server as the webhook receiver.
@Suite(.serialized) struct PushIntegrationTests {
    func positions(_ messages: [[String: Any]], device: String? = nil) -> [[String: Any]] {
        messages.filter { $0["type"] as? String == "position" && (device == nil || $0["device"] as? String == device) }
    }

    @Test func positions_reachWebSocketAndSSEClients_andAWatcherOfANeverReceivesB() async throws {
        let harness = try await PushHarness()
        let watcherOfA = try harness.webSocketClient("?devices=A")
        let watcherOfAll = try harness.webSocketClient("?all")
        let sse = try harness.sseClient("?devices=A,B")
        for client in [watcherOfA, watcherOfAll] {
            #expect(await client.waitForLine(timeout: .seconds(30)) { $0.contains("\"hello\"") } != nil)
        }
        #expect(await sse.waitForLine(timeout: .seconds(30)) { $0.contains("event: hello") } != nil)
        for index in 0..<3 {
            try await harness.publishPosition("A", latitude: 52 + Double(index) / 100)
            try await harness.publishPosition("B", latitude: 48 + Double(index) / 100)
        }
        let allArrived = await eventually {
            positions(PushHarness.messages(watcherOfA)).count >= 3 && positions(PushHarness.messages(watcherOfAll)).count >= 6
                && positions(PushHarness.messages(sse, sse: true)).count >= 6
        }
        #expect(allArrived, "A: \(watcherOfA.stdout)\nall: \(watcherOfAll.stdout)\nsse: \(sse.stdout)\npush: \(harness.push.stderr)")
        // B was published after A each time: once A's watcher has three A's, any B would be there too.
        let seenByA = positions(PushHarness.messages(watcherOfA))
        #expect(seenByA.allSatisfy { $0["device"] as? String == "A" })
        #expect(seenByA.compactMap { $0["offset"] as? Int } == [1, 2, 3])
        #expect(positions(PushHarness.messages(sse, sse: true), device: "B").count == 3)
        #expect(sse.lines().contains { $0.hasPrefix("id: B:") })
    }

    @Test func reconnectWithOffsets_receivesExactlyWhatItMissed() async throws {
        let harness = try await PushHarness()
        let first = try harness.webSocketClient("?devices=R", count: 3)
        #expect(await first.waitForLine(timeout: .seconds(30)) { $0.contains("\"hello\"") } != nil)
        for _ in 0..<3 { try await harness.publishPosition("R") }
        #expect(await first.waitForExit(timeout: .seconds(30)) == .exited(0))
        let seen = positions(PushHarness.messages(first))
        let epoch = PushHarness.messages(first).first { $0["type"] as? String == "hello" }?["epoch"] as? String ?? ""
        #expect(seen.compactMap { $0["offset"] as? Int } == [1, 2, 3])

        // Missed while away; push keeps listening to R for the resume window.
        for _ in 0..<4 { try await harness.publishPosition("R") }
        #expect(await eventually { harness.metric("trackwire_received_total") >= 7 })
        let again = try harness.webSocketClient("?devices=R&epoch=\(epoch)&offsets=R:3", count: 4)
        #expect(await again.waitForExit(timeout: .seconds(30)) == .exited(0))
        let replayed = PushHarness.messages(again).filter { $0["type"] as? String != "hello" }
        #expect(replayed.compactMap { $0["offset"] as? Int } == [4, 5, 6, 7])
        #expect(replayed.allSatisfy { $0["type"] as? String == "position" })
    }

    @Test func slowClient_isDisconnectedWithAReason_andTheOthersGetEverything() async throws {
        let harness = try await PushHarness(pushArguments: ["--client-queue", "32"])
        let total = 2_000
        let fast = try harness.webSocketClient("?devices=S", count: total, seconds: 120)
        let slow = try harness.webSocketClient("?devices=S", seconds: 120, slow: true)
        #expect(await fast.waitForLine(timeout: .seconds(30)) { $0.contains("\"hello\"") } != nil)
        #expect(await eventually { harness.metric("trackwire_clients_connected_total", ["ws"]) >= 2 })
        // 32 MB in all: more than loopback TCP buffers and the client library can hold.
        let blob = String(repeating: "x", count: 16_000)
        try await harness.publish((0..<total).map { _ in PushHarness.position("S", blob: blob) })
        #expect(await fast.waitForExit(timeout: .seconds(120)) == .exited(0))
        #expect(positions(PushHarness.messages(fast)).count == total)
        #expect(await eventually { harness.metric("trackwire_clients_disconnected_total", ["slow_consumer"]) == 1 })
        await slow.killAndWait()
    }

    @Test func webhookReceiverThatWasDown_receivesEveryEventOnceInOrder_afterItComesBack() async throws {
        let receiverPort = FreePorts.one()
        let harness = try await PushHarness(pushArguments: [
            "--webhook", "http://127.0.0.1:\(receiverPort)/hook", "--retry-base", "50ms", "--retry-max", "400ms", "--webhook-timeout", "1s",
        ])
        let count = 20
        func event(_ id: String, at index: Int) -> Envelope {
            Envelope(topic: Topic.event(device: "W", kind: .geofenceEnter), message: Event.with {
                $0.id = id
                $0.deviceID = "W"
                $0.kind = .geofenceEnter
                $0.timeMs = Int64(index)
            })
        }
        for index in 0..<count { try await harness.publish(event("ev-\(index)", at: index)) }
        #expect(await eventually { harness.metric("trackwire_webhook_failed_attempts_total") >= 2 })
        let receiver = try WebhookReceiver(port: receiverPort, directory: harness.directory)
        let delivered = await eventually(timeout: .seconds(60)) { receiver.ids().count >= count }
        #expect(delivered, "push: \(harness.push.stderr)")
        // The marker: one more event, delivered in order after the others and any copy of them.
        try await harness.publish(event("marker", at: count))
        #expect(await eventually { receiver.ids().last == "marker" })
        #expect(receiver.ids() == (0..<count).map { "ev-\($0)" } + ["marker"])
        #expect(await eventually { harness.metric("trackwire_webhook_delivered_total") == Double(count + 1) })
    }
}

/// A Python http.server that prints each POSTed body on a line (they are one-line JSON) and
/// answers 200.
final class WebhookReceiver {
    let process: ChildProcess

    init(port: Int, directory: URL) throws {
        let script = directory.appendingPathComponent("receiver.py")
        try """
        import json, sys
        from http.server import BaseHTTPRequestHandler, HTTPServer
        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                print(body.decode(), flush=True)
                self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
            def log_message(self, *args): pass
        HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
        """.write(to: script, atomically: true, encoding: .utf8)
        process = try ChildProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, "\(port)"])
    }

    deinit { process.signal(SIGKILL) }

    /// The bodies received, in order.
    func bodies() -> [String] { process.lines() }

    /// The `data.id` of each body (event ids).
    func ids() -> [String] {
        bodies().compactMap { (try? JSONValue.parse(Array($0.utf8)))?["data"]?["id"]?.stringValue }
    }
}
