import BusTools
import Foundation
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// A real tw-bus and tw-push on free ports, a publisher on the bus's broadcast-in, and helpers to
/// start the real clients the acceptance asks for: Python `websockets` and `curl -N` for SSE.
final class PushHarness: @unchecked Sendable {
    let httpPort = FreePorts.one()
    let bus: BusProcess
    let push: ChildProcess
    let sockets: TestSockets
    /// Dropped first in `deinit`: its socket must close before the sockets' context terminates.
    private var publisher: BroadcastPublisher?
    let directory: URL

    /// Starts both and waits until push serves /healthz.
    init(pushArguments: [String] = []) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("push-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        bus = try await BusProcess.start()
        push = try await ChildProcess.start("tw-push", [
            "--bus", bus.address, "--http", "127.0.0.1:\(httpPort)", "--instance", "push-\(bus.base)",
            "--outbox", directory.appendingPathComponent("outbox.sqlite").path,
        ] + pushArguments, ready: [.healthz(port: httpPort)])
        sockets = try TestSockets()
        publisher = try BroadcastPublisher(context: sockets.context, endpoints: ">" + bus.broadcastIn, options: SocketOptions().with { $0.lingerMs = 0 })
    }

    deinit {
        publisher = nil
        push.signal(SIGKILL)
        bus.stop()
        try? FileManager.default.removeItem(at: directory)
    }

    var url: String { "http://127.0.0.1:\(httpPort)" }

    /// Publishes once some subscriber upstream covers `topic` (no slow-joiner loss).
    func publish(_ envelope: Envelope, timeout: Duration = .seconds(20)) async throws {
        try await publish([envelope], timeout: timeout)
    }

    /// Publishes each in order, once some subscriber upstream covers its topic, from one thread.
    func publish(_ envelopes: [Envelope], timeout: Duration = .seconds(20)) async throws {
        guard let publisher else { throw HarnessError("the harness is closed") }
        let unheard = try await blocking {
            try envelopes.first { try publisher.publish($0, wait: timeout) != .subscribed }
        }
        if let unheard { throw HarnessError("nobody subscribed to \(unheard.topic)") }
    }

    /// Publishes a position of `device`.
    func publishPosition(_ device: String, latitude: Double = 52.5, longitude: Double = 13.4) async throws {
        try await publish(Self.position(device, latitude: latitude, longitude: longitude))
    }

    /// A `pos.*` message of `device`, stamped now, with an optional `blob` attribute for size.
    static func position(_ device: String, latitude: Double = 52.5, longitude: Double = 13.4, blob: String = "") -> Envelope {
        Envelope(topic: Topic.position(device: device), message: Position.with {
            $0.deviceID = device
            $0.latitude = latitude
            $0.longitude = longitude
            $0.fixTimeMs = Int64(Date().timeIntervalSince1970 * 1000)
            $0.serverTimeNs = Int64(Date().timeIntervalSince1970 * 1e9)
            if !blob.isEmpty { $0.attributes["blob"] = .string(blob) }
        })
    }

    /// A Python `websockets` client printing every message it receives, one per line; it stops
    /// after `count` stream messages (position/event/session/gap). `slow` connects and never reads.
    func webSocketClient(_ query: String, count: Int = 1_000_000, seconds: Int = 60, slow: Bool = false) throws -> ChildProcess {
        try WebSocketClient.start("ws://127.0.0.1:\(httpPort)/ws\(query)", in: directory, count: count, seconds: seconds, slow: slow)
    }

    /// `curl -N` on /sse.
    func sseClient(_ query: String) throws -> ChildProcess {
        try ChildProcess(URL(fileURLWithPath: "/usr/bin/curl"), ["-sN", "--max-time", "120", "\(url)/sse\(query)"])
    }

    /// A counter's value from /metrics: the first line of `name` containing every label given.
    func metric(_ name: String, _ labels: [String] = []) -> Double {
        for line in PrometheusScrape(port: httpPort).text.split(separator: "\n") where line.hasPrefix(name + "{") && labels.allSatisfy({ line.contains($0) }) {
            return Double(line.split(separator: " ").last ?? "") ?? 0
        }
        return 0
    }

    /// Stream messages a client printed (JSON objects), in order.
    static func messages(_ client: ChildProcess, sse: Bool = false) -> [[String: Any]] {
        client.lines().compactMap { line -> [String: Any]? in
            let json = sse ? (line.hasPrefix("data: ") ? String(line.dropFirst(6)) : "") : line
            return (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
