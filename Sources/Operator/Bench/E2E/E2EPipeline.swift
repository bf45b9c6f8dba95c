import AsyncHTTPClient
import Foundation
import NIOCore
import ZMQ

/// The whole pipeline as `tw bench e2e` runs it: a `LocalBus`, tw-storage (SQLite in the work
/// directory), tw-push, `geofences` tw-geofence shards, `decoders` tw-decoders and one tw-gateway,
/// every one a real process from tw's own directory on free loopback ports, logging to the work
/// directory. Stopped producers first, the bus last, like `make down`.
final class E2EPipeline {
    struct Layout {
        var decoders: Int
        var geofences: Int
        var protocols: [String]
        var workDirectory: URL
    }

    let layout: Layout
    /// The bus's base port: its six endpoints are base + 0..5 (`--bus 127.0.0.1:<base>`).
    let busBase: Int
    let storagePort: Int
    let pushPort: Int
    /// The gateway's device port per protocol.
    let devicePorts: [String: Int]
    let database: URL
    var storageURL: String { "http://127.0.0.1:\(storagePort)" }
    /// Every stage, in start order.
    private(set) var stages: [StageProcess] = []

    /// Starts every stage and waits until storage and push answer and the gateway listens.
    init(_ layout: Layout) async throws {
        self.layout = layout
        try FileManager.default.createDirectory(at: layout.workDirectory, withIntermediateDirectories: true)
        let bus = try LocalBus(options: SocketOptions(), startTimeout: .seconds(10), log: layout.workDirectory.appendingPathComponent("bus.log"))
        busBase = bus.base
        stages = [bus.process]
        let ports = try LocalBus.freePorts(2 + layout.protocols.count)
        storagePort = ports[0]
        pushPort = ports[1]
        devicePorts = Dictionary(uniqueKeysWithValues: zip(layout.protocols, ports.dropFirst(2)))
        database = layout.workDirectory.appendingPathComponent("trackwire.db")
        do {
            try await start()
        } catch {
            stop()
            throw error
        }
    }

    deinit { stop() }

    private func start() async throws {
        let bus = "127.0.0.1:\(busBase)"
        try launch("tw-storage", "storage", ["--bus", bus, "--db", "sqlite:" + database.path, "--http", "127.0.0.1:\(storagePort)"])
        try launch("tw-push", "push", ["--bus", bus, "--http", "127.0.0.1:\(pushPort)", "--client-queue", "1000000",
                                       "--outbox", layout.workDirectory.appendingPathComponent("push-outbox.sqlite").path])
        let fences = layout.workDirectory.appendingPathComponent("geofences.geojson")
        try E2EFences.write(to: fences)
        for shard in 0..<layout.geofences {
            try launch("tw-geofence", "geofence-\(shard)", ["--bus", bus, "--http", "off", "--shard", "\(shard)/\(layout.geofences)",
                                                            "--geofences", fences.path,
                                                            "--state-dir", layout.workDirectory.appendingPathComponent("geofence-\(shard)").path])
        }
        for index in 1...max(1, layout.decoders) {
            try launch("tw-decoder", "decoder-\(index)", ["--bus", bus, "--http", "off"])
        }
        let listen = layout.protocols.map { "\($0):tcp:\(devicePorts[$0]!)" }.joined(separator: ",")
        try launch("tw-gateway", "gateway", ["--bus", bus, "--listen", listen, "--listen-host", "127.0.0.1", "--http", "off"])
        try await waitUntil("tw-storage's /healthz answers") { await HTTPProbe.isOK(self.storageURL + "/healthz") }
        try await waitUntil("tw-push's /healthz answers") { await HTTPProbe.isOK("http://127.0.0.1:\(self.pushPort)/healthz") }
        try await waitUntil("the gateway listens") { self.devicePorts.values.allSatisfy { !PortProbe.isFree($0) } }
        // Decoders and geofence shards connect asynchronously; give their SUB/PULL sockets a moment.
        try await Task.sleep(for: .seconds(1))
    }

    /// Producers first so that each stage downstream drains what it was sent; the bus last.
    func stop() {
        for stage in stages.reversed() where stage.label != "bus" { stage.stop(patience: 15) }
        stages.first { $0.label == "bus" }?.stop(patience: 5)
        stages = []
    }

    /// A stage that exited by itself, if any, with the end of its log.
    func exitedStage() -> String? {
        guard let stage = stages.first(where: { !$0.isRunning }) else { return nil }
        return "\(stage.label) exited; the end of its log:\n" + logTail(stage.label)
    }

    func log(_ label: String) -> URL { layout.workDirectory.appendingPathComponent("\(label).log") }

    private func launch(_ executable: String, _ label: String, _ arguments: [String]) throws {
        stages.append(try StageProcess(executable, label: label, arguments: arguments + ["--log-level", "warning", "--instance", "e2e-\(label)"],
                                       log: log(label)))
    }

    private func waitUntil(_ what: String, timeout: TimeInterval = 60, _ condition: () async -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while await !condition() {
            if let exited = exitedStage() { throw failure(exited) }
            guard Date() < deadline else { throw failure("timed out after \(Int(timeout)) s waiting until \(what)") }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    private func logTail(_ label: String) -> String {
        let text = (try? String(contentsOf: log(label), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(10).joined(separator: "\n")
    }

    private func failure(_ text: String) -> OperatorFailure {
        OperatorFailure("bench e2e: \(text) (logs in \(layout.workDirectory.path))")
    }
}

/// Demo-like fences over `tw sim`'s default area (Berlin, 15 km around 52.52,13.405): circles and
/// squares on a grid, so the shards raise real enter/exit/dwell events while positions flow.
enum E2EFences {
    static func write(to url: URL) throws {
        var features: [[String: Any]] = []
        for row in 0..<6 {
            for column in 0..<6 {
                let lat = 52.40 + Double(row) * 0.045
                let lon = 13.20 + Double(column) * 0.075
                let id = "e2e-\(row)-\(column)"
                if (row + column) % 2 == 0 {
                    features.append(["type": "Feature", "id": id, "geometry": ["type": "Point", "coordinates": [lon, lat]],
                                     "properties": ["name": id, "radius_m": 900, "dwell_s": 60]])
                } else {
                    let (dlat, dlon) = (0.008, 0.013)
                    let ring = [[lon - dlon, lat - dlat], [lon + dlon, lat - dlat], [lon + dlon, lat + dlat], [lon - dlon, lat + dlat], [lon - dlon, lat - dlat]]
                    features.append(["type": "Feature", "id": id, "geometry": ["type": "Polygon", "coordinates": [ring]],
                                     "properties": ["name": id, "speed_limit_kmh": 50]])
                }
            }
        }
        let data = try JSONSerialization.data(withJSONObject: ["type": "FeatureCollection", "features": features])
        try data.write(to: url)
    }
}

/// Loopback port checks with plain sockets.
enum PortProbe {
    /// Whether a TCP port on 127.0.0.1 can be bound right now.
    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    /// The first of `count` consecutive ports that are all free now.
    static func consecutiveBase(_ count: Int) throws -> Int {
        for _ in 0..<200 {
            let candidate = try LocalBus.freePorts(1)[0]
            if candidate + count < 65_000, (1..<count).allSatisfy({ isFree(candidate + $0) }) { return candidate }
        }
        throw OperatorFailure("bench: found no \(count) consecutive free ports on 127.0.0.1")
    }
}

/// GETs for health checks and /metrics scrapes.
enum HTTPProbe {
    /// Whether `GET url` answers 200.
    static func isOK(_ url: String) async -> Bool { await get(url)?.status == 200 }

    /// The status and body of `GET url`, or nil if the request failed.
    static func get(_ url: String) async -> (status: Int, body: String)? {
        do {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(5))
            let body = try await response.body.collect(upTo: 64 << 20)
            return (Int(response.status.code), String(buffer: body))
        } catch {
            return nil
        }
    }
}
