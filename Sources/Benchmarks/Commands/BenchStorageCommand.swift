import ArgumentParser
import BusTools
import Foundation
import Logging
import Storage
import TrackwireTesting

/// `tw bench storage`: rows/s into SQLite through `SQLiteBackend`, next to raw SQLite with the same
/// schema and batch size in the same run; and into PostgreSQL through its backend with `--postgres`.
struct BenchStorageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Measure rows/s of storage backends: SQLite (vs. a raw SQLite baseline) and, with --postgres, PostgreSQL."
    )

    @Option(help: "Positions to write per run.")
    var rows = 200_000
    @Option(help: "Positions per transaction (tw-storage's --batch-size).")
    var batchSize = 1000
    @Option(help: "Distinct devices the positions belong to.")
    var devices = 100
    @Option(help: "Where the SQLite files go (a fresh directory inside it, removed afterwards).")
    var directory = FileManager.default.temporaryDirectory.path
    @Option(help: "Also measure PostgreSQL through its backend, e.g. postgres://tw@127.0.0.1/trackwire.")
    var postgres: String?
    @Flag(help: "Also measure PostgreSQL, on a temporary server of its own (initdb in /tmp; needs the postgresql package).")
    var temporaryPostgres = false
    @Option(help: "PostgreSQL writers to run at once after the one-writer run, comma-separated (tw-storage ×N on one database); each writes --rows of its own devices.")
    var writers = "2,4"

    func validate() throws {
        guard rows > 0, batchSize > 0, devices > 0 else { throw ValidationError("--rows, --batch-size and --devices must be positive") }
        guard writerCounts != nil else { throw ValidationError("--writers takes positive whole numbers, comma-separated, e.g. 2,4") }
    }

    func run() async throws {
        let workspace = URL(fileURLWithPath: directory).appendingPathComponent("tw-bench-storage-\(getpid())")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let positions = StorageBenchmark.positions(rows, devices: devices)
        let rows = self.rows
        let sqliteProgress = ProgressTimer { "bench storage: SQLite, raw and through the backend, \(rows) rows each, \(Int($0.inSeconds)) s" }
        let (backend, raw) = try await StorageBenchmark.compareSQLite(in: workspace, positions: positions, batchSize: batchSize)
        sqliteProgress.stop()
        Output.line(String(format: "sqlite raw:     %9.0f rows/s (%d rows, batch %d, %.2f s)", raw.rowsPerSecond, raw.rows, batchSize, raw.seconds))
        Output.line(String(format: "sqlite backend: %9.0f rows/s (%d rows, batch %d, %.2f s); ratio %.2f, target >= 0.70",
                           backend.rowsPerSecond, backend.rows, batchSize, backend.seconds, backend.rowsPerSecond / max(raw.rowsPerSecond, 1)))
        if let postgres {
            try await measurePostgres(url: postgres)
        } else if temporaryPostgres {
            let server = try await PostgresServer.start()
            defer { server.stop() }
            try await measurePostgres(url: server.url(database: try await server.createDatabase("bench")))
        }
    }

    private var writerCounts: [Int]? {
        let counts = writers.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard counts.allSatisfy({ ($0 ?? 0) > 0 }) else { return nil }
        return counts.compactMap(\.self)
    }

    /// One writer, then each of `--writers` at once on the same database, every writer its own
    /// backend (its own connection, as separate tw-storage processes have) and its own devices.
    private func measurePostgres(url: String) async throws {
        let location: DatabaseLocation
        do {
            location = try DatabaseLocation(url)
        } catch {
            throw ValidationError("--postgres: \(error)")
        }
        let single = try await measurePostgres(location, writers: 1)
        Output.line(String(format: "postgres:       %9.0f rows/s (%d rows, batch %d, %.2f s, one writer)",
                           single.rowsPerSecond, single.rows, batchSize, single.seconds))
        for count in writerCounts ?? [] {
            let result = try await measurePostgres(location, writers: count)
            Output.line(String(format: "postgres ×%d:    %9.0f rows/s (%d rows, batch %d, %.2f s); ratio to one writer %.2f, target >= 100000 rows/s",
                               count, result.rowsPerSecond, result.rows, batchSize, result.seconds,
                               result.rowsPerSecond / max(single.rowsPerSecond, 1)))
        }
    }

    private func measurePostgres(_ location: DatabaseLocation, writers: Int) async throws -> StorageBenchmark.Result {
        var stores: [any StoreBackend] = []
        for _ in 0..<writers {
            do {
                stores.append(try await StoreBackends.open(location, logger: Logger(label: "tw.bench")))
            } catch {
                for store in stores { try? await store.close() }
                throw OperatorFailure("bench storage: cannot open \(location): \(error)")
            }
        }
        // Fresh device ids per writer and run, so repeated runs against one database never hit
        // duplicates; fix times moved to the last hours, so the rows go to daily partitions as
        // live data does.
        let (rows, batchSize, devices) = (self.rows, self.batchSize, self.devices)
        let batches = (0..<writers).map { _ in
            let positions = StorageBenchmark.positions(rows, devices: devices)
            let shift = Int64(Date().timeIntervalSince1970 * 1000) - 3_600_000 - (positions.first?.fixTimeMs ?? 0)
            return positions.map { position in
                var moved = position
                moved.fixTimeMs += shift
                return moved
            }
        }
        let progress = ProgressTimer { "bench storage: PostgreSQL, \(writers) writer(s), \(rows) rows each, \(Int($0.inSeconds)) s" }
        defer { progress.stop() }
        let started = ContinuousClock.now
        let stored = try await withThrowingTaskGroup(of: Int.self) { group in
            for (store, positions) in zip(stores, batches) {
                group.addTask { try await StorageBenchmark.measure(store, positions: positions, batchSize: batchSize).rows }
            }
            return try await group.reduce(0, +)
        }
        let seconds = (ContinuousClock.now - started).inSeconds
        for store in stores { try? await store.close() }
        return StorageBenchmark.Result(rows: stored, seconds: seconds)
    }
}
