import BusTools
import Foundation
import GRDB
import Storage
import TrackwireProtocol

/// `tw bench storage`: rows/s committed through a `StoreBackend`, next to raw SQLite inserting
/// the same rows into the same schema with the same batch size (`RawSQLiteInserter`), so the
/// ratio shows what the backend adds on top of SQLite itself.
public enum StorageBenchmark {
    /// One measurement.
    public struct Result: Sendable {
        public var rows: Int
        public var seconds: Double
        public var rowsPerSecond: Double { seconds > 0 ? Double(rows) / seconds : 0 }
    }

    /// `count` distinct positions of `devices` devices, each with a realistic set of attributes.
    public static func positions(_ count: Int, devices: Int, runID: String = String(UInt32.random(in: 0...UInt32.max), radix: 36)) -> [Position] {
        (0..<count).map { index in
            .with {
                $0.deviceID = "bench-\(runID)-\(index % devices)"
                $0.protocol = "teltonika"
                $0.fixTimeMs = 1_700_000_000_000 + Int64(index / devices) * 1000
                $0.deviceTimeMs = $0.fixTimeMs
                $0.serverTimeNs = $0.fixTimeMs * 1_000_000 + 250_000_000
                $0.latitude = 52.5 + Double(index % 1000) * 1e-5
                $0.longitude = 13.4 + Double(index % 777) * 1e-5
                $0.altitudeM = 35
                $0.speedKmh = Double(index % 120)
                $0.courseDeg = Double(index % 360)
                $0.satellites = 11
                $0.hdop = 0.8
                $0.valid = true
                $0.attributes = ["ignition": .bool(true), "odometer_m": .int(index * 10), "power_v": .double(12.8), "io239": .int(1)]
                $0.frame = .with {
                    $0.gatewayID = "gw-bench"
                    $0.sessionID = UInt64(index % devices)
                    $0.sequence = UInt64(index)
                }
            }
        }
    }

    /// Commits `positions` through `backend` in batches of `batchSize`.
    public static func measure(_ backend: any StoreBackend, positions: [Position], batchSize: Int) async throws -> Result {
        let started = ContinuousClock.now
        var stored = 0
        for start in stride(from: 0, to: positions.count, by: batchSize) {
            let batch = WriteBatch(positions: Array(positions[start..<min(start + batchSize, positions.count)]))
            stored += try await backend.write(batch).positionsStored
        }
        return Result(rows: stored, seconds: (ContinuousClock.now - started).inSeconds)
    }

    /// `SQLiteBackend` and raw SQLite (`RawSQLiteInserter`: the C API, one prepared statement,
    /// bodies serialised before the clock starts) each into a fresh file in `directory` with the
    /// same schema and settings, batch by batch in turns (alternating which goes first), so disk
    /// and machine noise falls on both alike.
    public static func compareSQLite(in directory: URL, positions: [Position], batchSize: Int) async throws -> (backend: Result, raw: Result) {
        let rawPath = directory.appendingPathComponent("raw.db").path
        let setup = try DatabasePool(path: rawPath, configuration: SQLiteBackend.configuration)
        try SQLiteSchema.migrator.migrate(setup)
        try setup.close()
        let rows = try positions.map { try RawSQLiteInserter.Row($0) }
        let inserter = try RawSQLiteInserter(path: rawPath)
        defer { inserter.close() }
        let backend = try SQLiteBackend(path: directory.appendingPathComponent("backend.db").path)
        var (backendTime, rawTime) = (Duration.zero, Duration.zero)
        var stored = 0
        do {
            try await backend.migrate()
            for (index, start) in stride(from: 0, to: positions.count, by: batchSize).enumerated() {
                let range = start..<min(start + batchSize, positions.count)
                let raw = { try ContinuousClock().measure { try inserter.insert(rows[range]) } }
                if index % 2 == 0 { rawTime += try raw() }
                let started = ContinuousClock.now
                stored += try await backend.write(WriteBatch(positions: Array(positions[range]))).positionsStored
                backendTime += ContinuousClock.now - started
                if index % 2 == 1 { rawTime += try raw() }
            }
            try await backend.close()
        } catch {
            try? await backend.close()
            throw error
        }
        return (Result(rows: stored, seconds: backendTime.inSeconds), Result(rows: rows.count, seconds: rawTime.inSeconds))
    }
}
