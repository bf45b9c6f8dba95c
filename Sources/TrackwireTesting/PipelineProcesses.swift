import Foundation
import TrackwireProtocol

/// The whole pipeline as `make up` runs it and `tw bench e2e` and the tests need it: a
/// `BusProcess`, tw-storage (SQLite in the work directory), tw-push (reading the storage API),
/// `geofences` tw-geofence shards, `decoders` tw-decoders and `gateways` tw-gateways, every one a real
/// process on free loopback ports, logging to the work directory, each started once the one before
/// it is ready. Stopped producers first, the bus last, like `make down`. Devices come from
/// `tw sim` (`simulate`) or a test's own clients on `devicePorts`.
public final class PipelineProcesses: @unchecked Sendable {
    /// What to start.
    public struct Layout: Sendable {
        public var decoders: Int
        public var geofences: Int
        /// The gateway's listeners (TCP; OsmAnd over HTTP).
        public var protocols: [String]
        public var workDirectory: URL
        /// The GeoJSON FeatureCollection the geofence shards load (and storage's API is given).
        public var fences: URL
        /// More tw-push flags.
        public var pushArguments: [String]
        /// tw-gateway processes, each with listeners of its own: one process's descriptor limit
        /// (20 000 here) bounds the devices it holds.
        public var gateways: Int

        public init(decoders: Int, geofences: Int, protocols: [String], workDirectory: URL, fences: URL, pushArguments: [String] = [],
                    gateways: Int = 1) {
            self.gateways = gateways
            self.decoders = decoders
            self.geofences = geofences
            self.protocols = protocols
            self.workDirectory = workDirectory
            self.fences = fences
            self.pushArguments = pushArguments
        }
    }

    public let layout: Layout
    public let bus: BusProcess
    public let storagePort: Int
    public let pushPort: Int
    /// The first gateway's device port per protocol.
    public var devicePorts: [String: Int] { gatewayPorts[0] }
    /// Every gateway's device port per protocol, in start order.
    public let gatewayPorts: [[String: Int]]
    public let database: URL
    public var storageURL: String { "http://127.0.0.1:\(storagePort)" }
    public var pushURL: String { "http://127.0.0.1:\(pushPort)" }
    /// Every stage, in start order, the bus first.
    public private(set) var stages: [ChildProcess] = []

    /// Starts every stage and waits until each is ready; throws `NotReady` naming the work directory.
    public init(_ layout: Layout) async throws {
        self.layout = layout
        try FileManager.default.createDirectory(at: layout.workDirectory, withIntermediateDirectories: true)
        bus = try await BusProcess.start(instance: "pipeline-bus-\(FreePorts.one())", log: layout.workDirectory.appendingPathComponent("bus.log"))
        stages = [bus.process]
        let gateways = max(1, layout.gateways)
        let ports = FreePorts.allocate(2 + layout.protocols.count * gateways)
        storagePort = ports[0]
        pushPort = ports[1]
        gatewayPorts = (0..<gateways).map { gateway in
            let first = 2 + gateway * layout.protocols.count
            return Dictionary(uniqueKeysWithValues: zip(layout.protocols, ports[first..<(first + layout.protocols.count)]))
        }
        database = layout.workDirectory.appendingPathComponent("trackwire.db")
        do {
            try await start()
        } catch {
            stop()
            throw NotReady(description: "\(error) (logs in \(layout.workDirectory.path))")
        }
    }

    deinit { stop() }

    private func start() async throws {
        try await launch("tw-storage", "storage", ["--db", "sqlite:" + database.path, "--http", "127.0.0.1:\(storagePort)"],
                         ready: [.healthz(port: storagePort)])
        try await launch("tw-push", "push", ["--http", "127.0.0.1:\(pushPort)", "--client-queue", "1000000", "--api", storageURL,
                                             "--outbox", layout.workDirectory.appendingPathComponent("push-outbox.sqlite").path] + layout.pushArguments,
                         ready: [.healthz(port: pushPort)])
        // As `make up` does: the fences go into storage, and the shards load them from its API.
        try loadFences()
        for shard in 0..<layout.geofences {
            try await launch("tw-geofence", "geofence-\(shard)", ["--http", "off", "--shard", "\(shard)/\(layout.geofences)",
                                                                  "--geofences-from", storageURL + "/api/geofences",
                                                                  "--state-dir", layout.workDirectory.appendingPathComponent("geofence-\(shard)").path],
                             ready: [.logLine("geofence up")])
        }
        for index in 1...max(1, layout.decoders) {
            try await launch("tw-decoder", "decoder-\(index)", ["--http", "off"], ready: [.logLine("decoder up")])
        }
        for (index, ports) in gatewayPorts.enumerated() {
            let listen = layout.protocols.map { "\($0):tcp:\(ports[$0]!)" }.joined(separator: ",")
            // Every simulated device comes from 127.0.0.1: the per-address limit would cut a large fleet.
            try await launch("tw-gateway", Self.gatewayLabel(index),
                             ["--listen", listen, "--listen-host", "127.0.0.1", "--http", "off", "--max-connections-per-address", "1000000"],
                             ready: ports.values.map { .listening(port: $0) })
        }
    }

    /// The first gateway is `gateway`, as with one; the others `gateway-2`, `gateway-3`, ….
    static func gatewayLabel(_ index: Int) -> String { index == 0 ? "gateway" : "gateway-\(index + 1)" }

    /// Every Feature of the layout's fences, `PUT` into the storage API under its id.
    private func loadFences() throws {
        let collection = try JSONValue.parse(Array(try Data(contentsOf: layout.fences)))
        for feature in collection["features"]?.arrayValue ?? [] {
            let id = feature["id"]?.stringValue ?? ""
            let answer = LocalHTTP.request("PUT", port: storagePort, "/api/geofences/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id),
                                           json: feature.text)
            guard let answer, (200..<300).contains(answer.status) else {
                throw NotReady(description: "storage refused the fence '\(id)': \(answer.map { "\($0.status) \($0.body)" } ?? "no answer")")
            }
        }
    }

    /// `tw sim` with `arguments` against the listeners of gateway `gateway` (`--port` set for
    /// each protocol), logging to the work directory as `label`.
    public func simulate(_ arguments: [String], label: String = "sim", gateway: Int = 0) throws -> ChildProcess {
        let ports = layout.protocols.flatMap { ["--port", "\($0)=\(gatewayPorts[gateway][$0]!)"] }
        return try ChildProcess(trackwire: "tw", ["sim", "--protocols", layout.protocols.joined(separator: ","), "--gateway", "127.0.0.1"] + ports + arguments,
                                label: label, log: log(label))
    }

    /// Producers first so that each stage downstream drains what it was sent; the bus last.
    public func stop() {
        for stage in stages.dropFirst().reversed() { stage.stop(patience: .seconds(15)) }
        stages.first?.stop(patience: .seconds(5))
        stages = []
    }

    /// A stage that exited by itself, if any, with the end of its log.
    public func exitedStage() -> String? {
        guard let stage = stages.first(where: { !$0.isRunning }) else { return nil }
        return "\(stage.label) exited; the end of its log:\n" + stage.tail()
    }

    /// Where the stage `label` logs.
    public func log(_ label: String) -> URL { layout.workDirectory.appendingPathComponent("\(label).log") }

    /// Starts a stage on the bus at info level (its readiness lines are info), logging to the work directory.
    private func launch(_ executable: String, _ label: String, _ arguments: [String], ready: [Readiness]) async throws {
        let arguments = arguments + ["--bus", bus.address, "--instance", "\(label)-\(bus.base)"]
        stages.append(try await ChildProcess.start(executable, arguments, label: label, log: log(label), ready: ready, timeout: .seconds(60)))
    }
}
