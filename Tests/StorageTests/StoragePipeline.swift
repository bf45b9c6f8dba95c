import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import TestSupport
import TrackwireProtocol
import ZMQ

/// A real tw-bus and tw-storage on free ports with a SQLite file in a temporary directory, a PUSH
/// socket feeding the store queue as decoders do, and a read-only view of the database.
final class StoragePipeline: @unchecked Sendable {
    let base: Int
    let directory: URL
    let databasePath: String
    let bus: TestProcess
    private(set) var storage: TestProcess?
    private let storageArguments: [String]
    private let zmq: Context
    /// Used only inside `send`, one dedicated thread at a time.
    private let storeIn: Socket
    /// Subscribers the test opened, closed by `close` (an open socket would hang the context's end).
    private var subscribers: [Socket] = []

    /// Where tw-storage serves HTTP (`/metrics`, `/healthz`), when the test asked for it.
    let httpPort: Int?

    init(storageArguments: [String] = [], http: Bool = false) throws {
        httpPort = http ? FreePorts.one() : nil
        let base = FreePorts.consecutiveBase()
        self.base = base
        directory = try StorageSamples.temporaryDirectory()
        databasePath = directory.appendingPathComponent("trackwire.db").path
        let flags = ["--broadcast-in", "--broadcast-out", "--frames-in", "--frames-out", "--store-in", "--store-out"]
        bus = try TestProcess(Executables.url("tw-bus"), flags.enumerated().flatMap { offset, flag in
            [flag, "@tcp://127.0.0.1:\(base + offset)"]
        } + ["--http", "off", "--bus", "127.0.0.1:\(base)", "--instance", "bus-\(base)"])
        self.storageArguments = storageArguments
        zmq = try Context()
        storeIn = try zmq.socket(.push, options: SocketOptions().with { $0.lingerMs = 0 })
        try storeIn.connect("tcp://127.0.0.1:\(base + 4)")
    }

    /// Starts tw-storage and waits until its consumer is up.
    @discardableResult
    func startStorage() async throws -> TestProcess {
        let process = try TestProcess(Executables.url("tw-storage"), [
            "--bus", "127.0.0.1:\(base)", "--db", databasePath, "--http", httpPort.map { "127.0.0.1:\($0)" } ?? "off",
            "--instance", "st-\(base)", "--batch-age", "50ms",
        ] + storageArguments)
        storage = process
        guard await process.waitForLine(.stderr, timeout: .seconds(30), where: { $0.contains("store queue consumer up") }) != nil else {
            throw PipelineFailure("tw-storage did not start: \(process.stderr)")
        }
        return process
    }

    /// Queues positions for storage, as a decoder does (blocking sends on a thread of their own).
    func send(_ positions: [Position]) async throws {
        let socket = storeIn
        try await DedicatedThread.run(name: "test-store-in") {
            for position in positions {
                try socket.send(topic: Topic.position(device: position.deviceID), body: try position.serializedBytes())
            }
        }
    }

    /// Queues store-queue messages of several pairs each, as a decoder queues one device frame's
    /// records with its ack request.
    func send(units: [[Envelope]]) async throws {
        let socket = storeIn
        try await DedicatedThread.run(name: "test-store-in") {
            for unit in units { try socket.send(unit.flatMap(\.frames)) }
        }
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
        try await get("/metrics").body.split(separator: "\n")
            .filter { $0.hasPrefix("trackwire_\(name)_total{") && (labels.isEmpty || $0.contains(labels)) }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0) { $0 + Int($1) }
    }

    /// Runs SQL on the database from a connection of the test's own (not tw-storage's).
    func execute(_ sql: String) throws {
        let queue = try DatabaseQueue(path: databasePath)
        defer { try? queue.close() }
        try queue.write { try $0.execute(sql: sql) }
    }

    /// A SUB on the bus's broadcast channel for `prefix`; use it only through `receive`; `close`
    /// closes it.
    func subscribe(_ prefix: String) throws -> Socket {
        let socket = try zmq.socket(.sub, options: SocketOptions().with {
            $0.lingerMs = 0
            $0.subscriptions = [prefix]
        })
        try socket.connect("tcp://127.0.0.1:\(base + 1)")
        subscribers.append(socket)
        return socket
    }

    /// What arrives on `socket` within `timeoutMs` (received on a thread of its own).
    func receive(from socket: Socket, timeoutMs: Int) async throws -> [Envelope] {
        try await DedicatedThread.run(name: "test-receive") {
            var poller = Poller()
            poller.add(socket)
            var out: [Envelope] = []
            guard try poller.poll(timeoutMs: timeoutMs)[0].contains(.readable) else { return out }
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

    /// Polls until `condition` holds or `timeout` passes; returns whether it held.
    func eventually(timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    func close() async {
        if let storage { await storage.killAndWait() }
        await bus.killAndWait()
        storeIn.close()
        subscribers.forEach { $0.close() }
        zmq.terminate()
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
