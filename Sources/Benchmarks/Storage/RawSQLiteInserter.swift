import Foundation
import GRDBSQLite
import TrackwireProtocol

/// The benchmark's baseline: the SQLite C API with no layer in between — one connection (WAL,
/// `synchronous = FULL`, as the backend), one prepared `INSERT ... ON CONFLICT DO NOTHING`, one
/// transaction per batch. Fingerprints are computed with the rows, before timing.
final class RawSQLiteInserter {
    /// A position's column values, prepared before timing.
    struct Row {
        let deviceID: String
        let fixTimeMs: Int64
        let fingerprint: Int64
        let values: [Double]
        let valid: Int32
        let body: [UInt8]

        init(_ position: Position) throws {
            deviceID = position.deviceID
            fixTimeMs = position.fixTimeMs
            fingerprint = position.fingerprint
            values = [position.latitude, position.longitude, position.speedKmh, position.courseDeg, position.altitudeM]
            valid = position.valid ? 1 : 0
            body = try position.serializedBytes()
        }
    }

    private var db: OpaquePointer?
    private var insert: OpaquePointer?

    init(path: String) throws {
        try check(sqlite3_open(path, &db), "open")
        try exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        try check(sqlite3_prepare_v2(db, """
            INSERT INTO positions (device_id, fix_time_ms, fingerprint, latitude, longitude, speed_kmh, course_deg, altitude_m, valid, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, -1, &insert, nil), "prepare")
    }

    /// Inserts `rows` in one transaction.
    func insert(_ rows: ArraySlice<Row>) throws {
        try exec("BEGIN IMMEDIATE")
        for row in rows {
            sqlite3_bind_text(insert, 1, row.deviceID, -1, SQLITE_TRANSIENT)
            sqlite3_bind_int64(insert, 2, row.fixTimeMs)
            sqlite3_bind_int64(insert, 3, row.fingerprint)
            for (offset, value) in row.values.enumerated() { sqlite3_bind_double(insert, Int32(4 + offset), value) }
            sqlite3_bind_int(insert, 9, row.valid)
            _ = row.body.withUnsafeBytes { sqlite3_bind_blob(insert, 10, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT) }
            guard sqlite3_step(insert) == SQLITE_DONE else { throw error("insert") }
            sqlite3_reset(insert)
        }
        try exec("COMMIT")
    }

    func close() {
        sqlite3_finalize(insert)
        sqlite3_close(db)
    }

    private func exec(_ sql: String) throws {
        try check(sqlite3_exec(db, sql, nil, nil, nil), sql)
    }

    private func check(_ code: Int32, _ what: String) throws {
        guard code == SQLITE_OK else { throw error(what) }
    }

    private func error(_ what: String) -> RawSQLiteError {
        RawSQLiteError(description: "sqlite \(what): \(String(cString: sqlite3_errmsg(db)))")
    }
}

/// A raw SQLite call failed.
struct RawSQLiteError: Error, CustomStringConvertible {
    let description: String
}

/// SQLite's "copy the value now" destructor, which Swift does not import.
private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
