import Foundation
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

    init(storageArguments: [String] = []) throws {
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
            "--bus", "127.0.0.1:\(base)", "--db", databasePath, "--http", "off", "--instance", "st-\(base)", "--batch-age", "50ms",
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
