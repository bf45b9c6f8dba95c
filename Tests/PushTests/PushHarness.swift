import Foundation
import TestSupport
import TrackwireProtocol
import ZMQ

/// A real tw-bus and tw-push on free ports, a publisher on the bus's broadcast-in, and helpers to
/// start the real clients the acceptance asks for: Python `websockets` and `curl -N` for SSE.
final class PushHarness: @unchecked Sendable {
    let base = FreePorts.consecutiveBase()
    let httpPort = FreePorts.one()
    let bus: TrackwireProcess
    let push: TestProcess
    let zmq: Context
    let publisher: Socket
    let directory: URL
    private var known: [[UInt8]] = []

    init(pushArguments: [String] = []) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("push-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        bus = try TrackwireProcess.bus(base: base)
        push = try TestProcess(Executables.url("tw-push"), [
            "--bus", "127.0.0.1:\(base)", "--http", "127.0.0.1:\(httpPort)", "--instance", "push-\(base)",
            "--outbox", directory.appendingPathComponent("outbox.sqlite").path,
        ] + pushArguments)
        zmq = try Context()
        publisher = try zmq.socket(.xpub, options: SocketOptions().with { $0.lingerMs = 0 })
        try publisher.connect("tcp://127.0.0.1:\(base)")
    }

    deinit {
        publisher.close()
        zmq.terminate()
        push.signal(SIGKILL)
        _ = bus.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var url: String { "http://127.0.0.1:\(httpPort)" }

    /// Waits until push answers /healthz.
    func waitUntilServing() async throws {
        for _ in 0..<300 {
            if (try? await curl(["-sf", "\(url)/healthz"]))?.contains("\"ok\"") == true { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError("tw-push did not serve /healthz: \(push.stderr)")
    }

    /// Publishes once some subscriber upstream covers `topic` (no slow-joiner loss).
    func publish(_ envelope: Envelope, timeout: Duration = .seconds(20)) async throws {
        let topic = envelope.topic
        let bytes = Array(topic.utf8)
        let deadline = ContinuousClock.now + timeout
        while !known.contains(where: { bytes.starts(with: $0) }) {
            guard ContinuousClock.now < deadline else { throw HarnessError("nobody subscribed to \(topic)") }
            if let frame = try publisher.receive(wait: false)?.first {
                if frame.first == 1 { known.append(Array(frame.dropFirst())) }
                if frame.first == 0 { known.removeAll { $0 == Array(frame.dropFirst()) } }
            } else {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
        try publisher.send(topic: topic, body: envelope.body)
    }

    /// Publishes a position of `device`.
    func publishPosition(_ device: String, latitude: Double = 52.5, longitude: Double = 13.4, blob: String = "") async throws {
        let position = Position.with {
            $0.deviceID = device
            $0.latitude = latitude
            $0.longitude = longitude
            $0.fixTimeMs = Int64(Date().timeIntervalSince1970 * 1000)
            $0.serverTimeNs = Int64(Date().timeIntervalSince1970 * 1e9)
            if !blob.isEmpty { $0.attributes["blob"] = .string(blob) }
        }
        try await publish(Envelope(topic: Topic.position(device: device), message: position))
    }

    /// A Python `websockets` client printing every message it receives, one per line; it stops
    /// after `count` stream messages (position/event/session/gap). `slow` connects and never reads.
    func webSocketClient(_ query: String, count: Int = 1_000_000, seconds: Int = 60, slow: Bool = false) throws -> TestProcess {
        let script = directory.appendingPathComponent("ws_client.py")
        if !FileManager.default.fileExists(atPath: script.path) { try Self.clientScript.write(to: script, atomically: true, encoding: .utf8) }
        return try TestProcess(URL(fileURLWithPath: "/usr/bin/env"), [
            "python3", script.path, "ws://127.0.0.1:\(httpPort)/ws\(query)", "\(count)", "\(seconds)", slow ? "slow" : "fast",
        ])
    }

    /// `curl -N` on /sse.
    func sseClient(_ query: String) throws -> TestProcess {
        try TestProcess(URL(fileURLWithPath: "/usr/bin/curl"), ["-sN", "--max-time", "120", "\(url)/sse\(query)"])
    }

    /// A counter's value from /metrics: the first line of `name` containing every label given.
    func metric(_ name: String, _ labels: [String] = []) async throws -> Double {
        let text = try await curl(["-sf", "\(url)/metrics"])
        for line in text.split(separator: "\n") where line.hasPrefix(name + "{") && labels.allSatisfy({ line.contains($0) }) {
            return Double(line.split(separator: " ").last ?? "") ?? 0
        }
        return 0
    }

    func curl(_ arguments: [String]) async throws -> String {
        let process = try TestProcess(URL(fileURLWithPath: "/usr/bin/curl"), arguments)
        _ = await process.waitForExit(timeout: .seconds(20))
        return process.stdout
    }

    /// Stream messages a client printed (JSON objects), in order.
    static func messages(_ client: TestProcess, sse: Bool = false) -> [[String: Any]] {
        client.lines().compactMap { line -> [String: Any]? in
            let json = sse ? (line.hasPrefix("data: ") ? String(line.dropFirst(6)) : "") : line
            return (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
        }
    }

    /// Polls `condition` every 50 ms for up to `seconds`; a throw counts as not yet.
    static func eventually(_ seconds: Double = 30, _ condition: () async throws -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if (try? await condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return (try? await condition()) == true
    }

    static let clientScript = """
    import asyncio, json, sys
    import websockets

    async def main(url, count, seconds, mode):
        async with websockets.connect(url, max_queue=1 if mode == "slow" else 4096, max_size=None) as ws:
            if mode == "slow":
                await asyncio.sleep(seconds)
                return
            seen = 0
            async def read():
                nonlocal seen
                async for message in ws:
                    print(message, flush=True)
                    if json.loads(message).get("type") in ("position", "event", "session", "gap"):
                        seen += 1
                        if seen >= count:
                            return
            try:
                await asyncio.wait_for(read(), seconds)
            except asyncio.TimeoutError:
                pass

    asyncio.run(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]))
    """
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
