import Logging
import PostgresNIO
import Synchronization

/// Creates and lists the daily partitions of `positions`. Creation is race-safe between processes:
/// a transaction-scoped advisory lock serialises it and the table's existence is checked under that
/// lock. A new partition is created empty, takes over the rows of its day that already sit in the
/// default partition, and is then attached — ATTACH needs only a SHARE UPDATE EXCLUSIVE lock on
/// `positions`, so concurrent inserts into other days continue.
final class PostgresPartitioner: Sendable {
    let policy: PartitionPolicy
    /// Days known to have a partition, so a batch costs no DDL round trip for them.
    private let known = Mutex<Set<Int64>>([])

    init(policy: PartitionPolicy) {
        self.policy = policy
    }

    /// Makes sure the partitions for `days` that the policy covers exist. A failure is logged, not
    /// thrown: the rows then go to the default partition, and a later batch tries again.
    func ensure(days: some Sequence<Int64>, now: Int64, client: PostgresClient, logger: Logger) async {
        let today = PostgresPartitions.day(of: now)
        let missing = known.withLock { known in days.filter { !known.contains($0) && policy.coversOnDemand($0, today: today) } }
        for day in Set(missing).sorted() {
            do {
                _ = try await client.withConnection { try await self.create(day: day, on: $0, logger: logger) }
            } catch {
                logger.warning("could not create partition; its rows go to \(PostgresPartitions.defaultPartition) for now", metadata: [
                    "partition": "\(PostgresPartitions.name(ofDay: day))", "error": "\(String(reflecting: error))",
                ])
            }
        }
    }

    /// Creates today's partition and the policy's days ahead.
    func ensureAhead(now: Int64, client: PostgresClient, logger: Logger) async {
        let today = PostgresPartitions.day(of: now)
        await ensure(days: today...(today + policy.daysAhead), now: now, client: client, logger: logger)
    }

    /// Creates `day`'s partition unless it exists; returns whether it created it.
    @discardableResult
    func create(day: Int64, on connection: PostgresConnection, logger: Logger) async throws -> Bool {
        let name = PostgresPartitions.name(ofDay: day)
        let (from, to) = PostgresPartitions.bounds(ofDay: day)
        let created = try await connection.withTransaction(logger: logger) { connection in
            // A partition is rarely urgent: give up rather than queue writers behind a long wait.
            try await connection.query("SET LOCAL lock_timeout = '5s'", logger: logger)
            try await connection.query("SELECT pg_advisory_xact_lock(\(PostgresPartitions.ddlLockKey))", logger: logger)
            var exists = false
            for try await found in try await connection.query("SELECT to_regclass(\(name)) IS NOT NULL", logger: logger).decode(Bool.self) {
                exists = found
            }
            guard !exists else { return false }
            // Locked first so no insert can slip a row of this day into the default partition
            // between moving its rows out and attaching.
            for statement in [
                "LOCK TABLE \(PostgresPartitions.defaultPartition) IN ACCESS EXCLUSIVE MODE",
                "CREATE TABLE \(name) (LIKE positions INCLUDING DEFAULTS)",
                """
                WITH moved AS (DELETE FROM \(PostgresPartitions.defaultPartition)
                    WHERE fix_time_ms >= \(from) AND fix_time_ms < \(to) RETURNING *)
                INSERT INTO \(name) SELECT * FROM moved
                """,
                "ALTER TABLE positions ATTACH PARTITION \(name) FOR VALUES FROM (\(from)) TO (\(to))",
            ] {
                try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
            }
            return true
        }
        known.withLock { _ = $0.insert(day) }
        if created { logger.info("created partition", metadata: ["partition": "\(name)"]) }
        return created
    }

    /// The daily partitions that exist, ordered by day.
    func list(on connection: PostgresConnection, logger: Logger) async throws -> [(day: Int64, name: String)] {
        let rows = try await connection.query("""
            SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'positions'::regclass
            """, logger: logger)
        var partitions: [(day: Int64, name: String)] = []
        for try await name in rows.decode(String.self) {
            if let day = PostgresPartitions.day(ofName: name) { partitions.append((day, name)) }
        }
        return partitions.sorted { $0.day < $1.day }
    }

    /// Forgets `day` after its partition was dropped.
    func forget(day: Int64) {
        known.withLock { _ = $0.remove(day) }
    }
}
