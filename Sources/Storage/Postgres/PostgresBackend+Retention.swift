import PostgresNIO

/// Retention without stalling ingest: whole daily partitions older than the cutoff are dropped
/// (a brief lock on `positions`, bounded by lock_timeout and retried), everything else goes in
/// separate statements of at most `chunkRows` rows each, so no transaction is long.
extension PostgresBackend {
    public func removeData(olderThan cutoffMs: Int64, chunkRows: Int) async throws -> Int {
        let chunk = max(1, chunkRows)
        var removed = try await dropPartitions(olderThan: cutoffMs)
        // What is left: the partition straddling the cutoff and old rows in the default partition.
        removed += try await deleteInChunks("""
            WITH doomed AS (SELECT device_id, fix_time_ms FROM positions WHERE fix_time_ms < \(cutoffMs) LIMIT \(chunk)),
            gone AS (DELETE FROM positions p USING doomed
                WHERE p.device_id = doomed.device_id AND p.fix_time_ms = doomed.fix_time_ms AND p.fix_time_ms < \(cutoffMs)
                RETURNING 1)
            SELECT count(*) FROM gone
            """, chunk: chunk)
        let cutoffNs = cutoffMs.multipliedReportingOverflow(by: 1_000_000)
        removed += try await deleteInChunks(table: "events", where: "time_ms < \(cutoffMs)", chunk: chunk)
        removed += try await deleteInChunks(
            table: "sessions", where: "time_ns < \(cutoffNs.overflow ? (cutoffMs < 0 ? Int64.min : Int64.max) : cutoffNs.partialValue)", chunk: chunk
        )
        removed += try await deleteInChunks(table: "dead_letters", where: "time_ms < \(cutoffMs)", chunk: chunk)
        return removed
    }

    public func downsample(olderThan cutoffMs: Int64, intervalMs: Int64, chunkRows: Int) async throws -> Int {
        guard intervalMs > 0 else { return 0 }
        let chunk = max(1, chunkRows)
        // Windows of whole buckets, about an hour each, so one ranking query stays small.
        let window = intervalMs * max(1, 3_600_000 / intervalMs)
        var removed = 0
        var cursor = Int64.min
        while let first = try await firstFixTime(from: cursor, before: cutoffMs) {
            let start = first - ((first % intervalMs) + intervalMs) % intervalMs
            let end = min(start + window, cutoffMs)
            removed += try await deleteInChunks("""
                WITH ranked AS (
                    SELECT device_id, fix_time_ms, fingerprint, row_number() OVER (
                        PARTITION BY device_id, fix_time_ms - ((fix_time_ms % \(intervalMs)) + \(intervalMs)) % \(intervalMs)
                        ORDER BY fix_time_ms, fingerprint) AS rank
                    FROM positions WHERE fix_time_ms >= \(start) AND fix_time_ms < \(end)),
                doomed AS (SELECT device_id, fix_time_ms, fingerprint FROM ranked WHERE rank > 1 LIMIT \(chunk)),
                gone AS (DELETE FROM positions p USING doomed
                    WHERE p.device_id = doomed.device_id AND p.fix_time_ms = doomed.fix_time_ms AND p.fingerprint = doomed.fingerprint
                      AND p.fix_time_ms >= \(start) AND p.fix_time_ms < \(end)
                    RETURNING 1)
                SELECT count(*) FROM gone
                """, chunk: chunk)
            cursor = end
        }
        return removed
    }

    /// Drops the daily partitions that end at or before `cutoffMs`; returns the rows they held.
    private func dropPartitions(olderThan cutoffMs: Int64) async throws -> Int {
        let partitions = try await client.withConnection { try await partitioner.list(on: $0, logger: logger) }
        var removed = 0
        for partition in partitions where PostgresPartitions.bounds(ofDay: partition.day).to <= cutoffMs {
            removed += try await count("SELECT count(*) FROM \(unescaped: partition.name)")
            try await retryingTransient {
                try await client.withTransaction(logger: logger) { connection in
                    try await connection.query("SET LOCAL lock_timeout = '2s'", logger: logger)
                    try await connection.query("DROP TABLE IF EXISTS \(unescaped: partition.name)", logger: logger)
                }
            }
            partitioner.forget(day: partition.day)
            logger.info("dropped partition", metadata: ["partition": "\(partition.name)"])
        }
        return removed
    }

    private func deleteInChunks(table: String, where condition: String, chunk: Int) async throws -> Int {
        try await deleteInChunks(PostgresQuery(unsafeSQL: """
            WITH gone AS (DELETE FROM \(table) WHERE ctid = ANY(ARRAY(
                SELECT ctid FROM \(table) WHERE \(condition) LIMIT \(chunk))) RETURNING 1)
            SELECT count(*) FROM gone
            """), chunk: chunk)
    }

    /// Runs `query` (one chunk's delete, answering with its row count) until a chunk comes back short.
    private func deleteInChunks(_ query: PostgresQuery, chunk: Int) async throws -> Int {
        var total = 0
        while true {
            let removed = try await retryingTransient { try await count(query) }
            total += removed
            if removed < chunk { return total }
        }
    }

    private func firstFixTime(from: Int64, before cutoffMs: Int64) async throws -> Int64? {
        var first: Int64?
        let rows = try await client.query(
            "SELECT min(fix_time_ms) FROM positions WHERE fix_time_ms >= \(from) AND fix_time_ms < \(cutoffMs)", logger: logger
        )
        for try await value in rows.decode(Int64?.self) { first = value }
        return first
    }

    /// The single integer a query answers.
    func count(_ query: PostgresQuery) async throws -> Int {
        try await client.query(query, logger: logger).count()
    }
}

extension PostgresRowSequence {
    /// The sum of the rows' single integer column: the count a `SELECT count(*)` answers.
    func count() async throws -> Int {
        var total = 0
        for try await value in decode(Int64.self) { total += Int(value) }
        return total
    }
}
