import BusTools
import Foundation
import TrackwireTesting

/// The whole pipeline as `tw bench e2e` runs it: a `BusProcess`, tw-storage (SQLite in the work
/// directory), tw-push, `geofences` tw-geofence shards, `decoders` tw-decoders and one tw-gateway,
/// every one a real process from tw's own directory on free loopback ports, logging to the work
/// directory, each started once the one before it is ready. Stopped producers first, the bus
/// last, like `make down`.
final class E2EPipeline {
    struct Layout {
        var decoders: Int
        var geofences: Int
        var protocols: [String]
        var workDirectory: URL
    }

    let layout: Layout
    let bus: BusProcess
    let storagePort: Int
    let pushPort: Int
    /// The gateway's device port per protocol.
    let devicePorts: [String: Int]
    let database: URL
    var storageURL: String { "http://127.0.0.1:\(storagePort)" }
    /// Every stage, in start order, the bus first.
    private(set) var stages: [ChildProcess] = []

    /// Starts every stage and waits until each is ready.
    init(_ layout: Layout) async throws {
        self.layout = layout
        try FileManager.default.createDirectory(at: layout.workDirectory, withIntermediateDirectories: true)
        bus = try await BusProcess.start(instance: "e2e-bus", log: layout.workDirectory.appendingPathComponent("bus.log"))
        stages = [bus.process]
        let ports = FreePorts.allocate(2 + layout.protocols.count)
        storagePort = ports[0]
        pushPort = ports[1]
        devicePorts = Dictionary(uniqueKeysWithValues: zip(layout.protocols, ports.dropFirst(2)))
        database = layout.workDirectory.appendingPathComponent("trackwire.db")
        do {
            try await start()
        } catch {
            stop()
            throw failure("\(error)")
        }
    }

    deinit { stop() }

    private func start() async throws {
        try await launch("tw-storage", "storage", ["--db", "sqlite:" + database.path, "--http", "127.0.0.1:\(storagePort)"],
                         ready: [.healthz(port: storagePort)])
        try await launch("tw-push", "push", ["--http", "127.0.0.1:\(pushPort)", "--client-queue", "1000000",
                                             "--outbox", layout.workDirectory.appendingPathComponent("push-outbox.sqlite").path],
                         ready: [.healthz(port: pushPort)])
        let fences = layout.workDirectory.appendingPathComponent("geofences.geojson")
        try E2EFences.write(to: fences)
        for shard in 0..<layout.geofences {
            try await launch("tw-geofence", "geofence-\(shard)", ["--http", "off", "--shard", "\(shard)/\(layout.geofences)",
                                                                  "--geofences", fences.path,
                                                                  "--state-dir", layout.workDirectory.appendingPathComponent("geofence-\(shard)").path],
                             ready: [.logLine("geofence up")])
        }
        for index in 1...max(1, layout.decoders) {
            try await launch("tw-decoder", "decoder-\(index)", ["--http", "off"], ready: [.logLine("decoder up")])
        }
        let listen = layout.protocols.map { "\($0):tcp:\(devicePorts[$0]!)" }.joined(separator: ",")
        try await launch("tw-gateway", "gateway", ["--listen", listen, "--listen-host", "127.0.0.1", "--http", "off"],
                         ready: devicePorts.values.map { .listening(port: $0) })
    }

    /// Producers first so that each stage downstream drains what it was sent; the bus last.
    func stop() {
        for stage in stages.dropFirst().reversed() { stage.stop(patience: .seconds(15)) }
        stages.first?.stop(patience: .seconds(5))
        stages = []
    }

    /// A stage that exited by itself, if any, with the end of its log.
    func exitedStage() -> String? {
        guard let stage = stages.first(where: { !$0.isRunning }) else { return nil }
        return "\(stage.label) exited; the end of its log:\n" + stage.tail()
    }

    func log(_ label: String) -> URL { layout.workDirectory.appendingPathComponent("\(label).log") }

    /// Starts a stage on the bus at info level (its readiness lines are info), logging to the work directory.
    private func launch(_ executable: String, _ label: String, _ arguments: [String], ready: [Readiness]) async throws {
        let arguments = arguments + ["--bus", bus.address, "--instance", "e2e-\(label)"]
        stages.append(try await ChildProcess.start(executable, arguments, label: label, log: log(label), ready: ready, timeout: .seconds(60)))
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
