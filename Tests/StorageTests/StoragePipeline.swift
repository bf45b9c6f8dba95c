import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import TrackwireProtocol
import TrackwireTesting
import ZMQ

/// A real tw-bus and tw-storage on free ports with a SQLite file in a temporary directory, a PUSH
/// socket feeding the store queue as decoders do, and a read-only view of the database.
final class StoragePipeline: @unchecked Sendable {
    let bus: BusProcess
    let directory: URL
    let databasePath: String
    private(set) var storage: ChildProcess?
    private let storageArguments: [String]
    private let sockets: TestSockets
    /// Used only inside `send`, one dedicated thread at a time.
    private let storeIn: Socket

    /// Where tw-storage serves HTTP (`/metrics`, `/healthz`), when the test asked for it.
    let httpPort: Int?

    /// The bus's base port (`--bus 127.0.0.1:<base>`).
    var base: Int { bus.base }

    init(storageArguments: [String] = [], http: Bool = false) async throws {
        httpPort = http ? FreePorts.one() : nil
        bus = try await BusProcess.start()
        directory = try StorageSamples.temporaryDirectory()
        databasePath = directory.appendingPathComponent("trackwire.db").path
        self.storageArguments = storageArguments
        sockets = try TestSockets()
        storeIn = try sockets.connect(.push, bus.endpoint(.storeIn))
    }

    /// Starts tw-storage and waits until its consumer is up.
    @discardableResult
    func startStorage() async throws -> ChildProcess {
        let process = try await ChildProcess.start("tw-storage", [
            "--bus", bus.address, "--db", databasePath, "--http", httpPort.map { "127.0.0.1:\($0)" } ?? "off",
            "--instance", "st-\(base)", "--batch-age", "50ms",
        ] + storageArguments, ready: [.logLine("store queue consumer up")])
        storage = process
        return process
    }

    /// Queues positions for storage, as a decoder does (blocking sends on a thread of their own).
    func send(_ positions: [Position]) async throws {
        let socket = storeIn
        try await blocking {
            for position in positions {
                try socket.send(topic: Topic.position(device: position.deviceID), body: try position.serializedBytes())
            }
        }
    }

    /// Queues store-queue messages of several pairs each, as a decoder queues one device frame's
    /// records with its ack request.
    func send(units: [[Envelope]]) async throws {
        let socket = storeIn
        try await blocking {
            for unit in units { try socket.send(unit.flatMap(\.frames)) }
        }
    }

    /// Waits until the bus holds `count` connections from storage processes (its store-out side).
    func waitForStorageConnections(_ count: Int) async -> Bool {
        let port = base + BusProcess.Channel.storeOut.rawValue
        return await eventually { TCPConnections.count(localPort: port, state: count > 0 ? .established : nil) == count }
    }

    /// A GET on tw-storage's HTTP port: status and body.
    func get(_ path: String) async throws -> (status: Int, body: String) {
        guard let url = httpPort.flatMap({ URL(string: "http://127.0.0.1:\($0)\(path)") }) else {
            throw PipelineFailure("this pipeline's tw-storage serves no HTTP")
        }
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// A counter's value from /metrics (`trackwire_<name>_total`, summed over labels matching `labels`).
    func metric(_ name: String, labels: String = "") async throws -> Int {
        let scrape = PrometheusScrape(text: try await get("/metrics").body)
        return Int(scrape.sum("trackwire_\(name)_total", labels.isEmpty ? [] : [labels]))
    }

    /// Runs SQL on the database from a connection of the test's own (not tw-storage's).
    func execute(_ sql: String) throws {
        let queue = try DatabaseQueue(path: databasePath)
        defer { try? queue.close() }
        try queue.write { try $0.execute(sql: sql) }
    }

    /// A SUB on the bus's broadcast channel for `prefix`; use it only through `receive`.
    func subscribe(_ prefix: String) throws -> Socket {
        try sockets.connect(.sub, bus.broadcastOut) { $0.subscriptions = [prefix] }
    }

    /// What arrives on `socket` within `timeoutMs` (received on a thread of its own).
    func receive(from socket: Socket, timeoutMs: Int) async throws -> [Envelope] {
        try await blocking {
            guard let first = try socket.receiveEnvelope(timeoutMs: timeoutMs) else { return [] }
            var out = [first]
            while let parts = try socket.receive(wait: false) {
                if let envelope = Envelope(frames: parts) { out.append(envelope) }
            }
            return out
        }
    }

    /// Every stored position, ordered by (fix time, device), read straight from the SQLite file.
    func storedPositions() throws -> [Position] {
        try read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM positions ORDER BY fix_time_ms, device_id").map { try Position(serializedBytes: $0) }
        } ?? []
    }

    /// Rows in a table (0 before the database exists).
    func count(_ table: String, where condition: String = "1") throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(condition)") ?? 0 } ?? 0
    }

    /// The row count for a failure message.
    func describe(_ table: String, where condition: String = "1") -> String {
        (try? count(table, where: condition)).map(String.init) ?? "(unreadable)"
    }

    func close() async {
        if let storage { await storage.killAndWait() }
        await bus.process.killAndWait()
        try? FileManager.default.removeItem(at: directory)
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T? {
        guard FileManager.default.fileExists(atPath: databasePath) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let queue = try DatabaseQueue(path: databasePath, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            guard try db.tableExists("positions") else { return nil }
            return try body(db)
        }
    }
}

struct PipelineFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension StorageSamples {
    /// `count` distinct positions of `devices` devices, fix times from `startMs` a second apart.
    static func positions(_ count: Int, devices: Int = 5, startMs: Int64 = 1_700_000_000_000, prefix: String = "dev") -> [Position] {
        (0..<count).map { index in
            position(device: "\(prefix)\(index % devices)", fixTimeMs: startMs + Int64(index / devices) * 1000, sequence: UInt64(index + 1))
        }
    }
}
