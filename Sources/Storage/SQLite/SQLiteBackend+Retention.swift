import GRDB

/// Retention in bounded chunks: each chunk is its own short write transaction, so a batch commit
/// waiting for the writer is delayed by at most one chunk, never by the whole clean-up.
extension SQLiteBackend {
    /// Tables whose rows age out, with the column holding their unix-ms time and their key.
    private static let agedTables: [(table: String, time: String, key: String)] = [
        ("positions", "fix_time_ms", "device_id, fix_time_ms"),
        ("events", "time_ms", "id"),
        ("sessions", "time_ms", "gateway_id, session_id, state"),
        ("dead_letters", "time_ms", "id"),
    ]

    public func removeData(olderThan cutoffMs: Int64, chunkRows: Int) async throws -> Int {
        var removed = 0
        for aged in Self.agedTables {
            let sql = """
                DELETE FROM \(aged.table) WHERE (\(aged.key)) IN
                (SELECT \(aged.key) FROM \(aged.table) WHERE \(aged.time) < ? ORDER BY \(aged.time) LIMIT ?)
                """
            removed += try await deleteInChunks(chunkRows, from: ()) { db, _ in
                try db.execute(sql: sql, arguments: [cutoffMs, chunkRows])
                return (db.changesCount, ())
            }
        }
        return removed
    }

    public func downsample(olderThan cutoffMs: Int64, intervalMs: Int64, chunkRows: Int) async throws -> Int {
        precondition(intervalMs > 0, "a downsampling interval is positive")
        // A position goes when an earlier one of the same device lies in its interval bucket. The
        // scan walks fix times upwards and resumes where the last chunk stopped: everything below
        // has been seen and kept.
        return try await deleteInChunks(chunkRows, from: Int64.min) { db, resumeMs in
            let doomed = try Row.fetchAll(db, sql: """
                SELECT device_id, fix_time_ms FROM positions AS p INDEXED BY positions_by_time
                WHERE p.fix_time_ms >= ? AND p.fix_time_ms < ? AND EXISTS (
                    SELECT 1 FROM positions AS q WHERE q.device_id = p.device_id
                    AND q.fix_time_ms >= p.fix_time_ms - (p.fix_time_ms % ?) AND q.fix_time_ms < p.fix_time_ms)
                ORDER BY p.fix_time_ms LIMIT ?
                """, arguments: [resumeMs, cutoffMs, intervalMs, chunkRows])
            let delete = try db.cachedStatement(sql: "DELETE FROM positions WHERE device_id = ? AND fix_time_ms = ?")
            for row in doomed {
                try delete.execute(arguments: [row[0] as String, row[1] as Int64])
            }
            return (doomed.count, doomed.last?[1] ?? resumeMs)
        }
    }

    /// Runs `chunk` in its own write transaction until it removes fewer than `chunkRows` rows;
    /// each chunk gets the state the previous one returned (where to resume).
    private func deleteInChunks<State: Sendable>(
        _ chunkRows: Int, from initial: State, _ chunk: @escaping @Sendable (Database, State) throws -> (removed: Int, next: State)
    ) async throws -> Int {
        var (total, state) = (0, initial)
        while true {
            let (removed, next) = try await pool.write { [state] db in try chunk(db, state) }
            (total, state) = (total + removed, next)
            if removed < chunkRows { return total }
            await Task.yield()
        }
    }
}
