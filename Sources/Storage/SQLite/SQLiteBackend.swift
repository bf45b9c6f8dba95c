import Foundation
import GRDB
import TrackwireProtocol

/// The embedded default: one SQLite file in WAL mode through a GRDB `DatabasePool` (concurrent
/// readers for the API, one serialized writer). Exactly one process writes a file: `init` takes an
/// exclusive lock on `<path>.lock` and throws `WriterLockError` when another tw-storage holds it.
public final class SQLiteBackend: StoreBackend {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    private let lock: WriterLock

    /// Opens (creating it and its directory if needed) the database at `path` for writing.
    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        lock = try WriterLock(databasePath: path)
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration)
        } catch {
            lock.release()
            throw error
        }
    }

    /// WAL (a `DatabasePool` sets it), and `synchronous = FULL`: a commit that returned, and so a
    /// durable ack that went out, survives a power loss as well as a crash. Batching keeps the cost
    /// at one fsync per batch. A larger page cache and memory-mapped reads for the writer's index
    /// lookups. Public so `tw bench storage` gives its raw baseline the same settings.
    public static var configuration: Configuration {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Inserts touch index pages all over the file; perf inside the pipeline showed the
            // writer's time going to pread and page copies with SQLite's 2 MB default cache. A
            // 64 MB cache per connection and reads through a 1 GB map keep them in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
        }
        return configuration
    }

    public func migrate() async throws {
        try SQLiteSchema.migrator.migrate(pool)
    }

    public func close() async throws {
        try pool.close()
        lock.release()
    }

    public func write(_ batch: WriteBatch) async throws -> WriteOutcome {
        try await pool.write { db in try SQLiteBatchWriter(db).write(batch) }
    }
}

/// Writes one batch inside the transaction GRDB opened: `INSERT ... ON CONFLICT DO NOTHING` and a
/// look at the change count tell stored from duplicate.
struct SQLiteBatchWriter {
    let db: Database

    init(_ db: Database) { self.db = db }

    func write(_ batch: WriteBatch) throws -> WriteOutcome {
        var outcome = WriteOutcome()
        (outcome.positionsStored, outcome.positionsDuplicate) = try insertPositions(batch.positions)
        (outcome.eventsStored, outcome.eventsDuplicate) = try insertEvents(batch.events)
        outcome.sessionsStored = try insertSessions(batch.sessions)
        outcome.deadLettersStored = try insertDeadLetters(batch.rejects)
        try updateDevices(DeviceActivity.of(batch))
        return outcome
    }

    /// Runs `statement` once per element; returns (rows inserted, rows skipped as conflicts).
    private func insertEach<T>(_ sql: String, _ elements: [T], _ arguments: (T) throws -> StatementArguments) throws -> (Int, Int) {
        guard !elements.isEmpty else { return (0, 0) }
        let statement = try db.cachedStatement(sql: sql)
        var inserted = 0
        for element in elements {
            statement.setUncheckedArguments(try arguments(element))
            try statement.execute()
            inserted += db.changesCount
        }
        return (inserted, elements.count - inserted)
    }

    private func insertPositions(_ positions: [PositionRow]) throws -> (Int, Int) {
        try insertEach("""
            INSERT INTO positions (device_id, fix_time_ms, fingerprint, latitude, longitude, speed_kmh, course_deg, altitude_m, valid, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, positions) { position in
            [position.deviceID, position.fixTimeMs, position.fingerprint, position.latitude, position.longitude, position.speedKmh,
             position.courseDeg, position.altitudeM, position.valid, Data(position.body)]
        }
    }

    private func insertEvents(_ events: [Event]) throws -> (Int, Int) {
        try insertEach("""
            INSERT INTO events (id, device_id, kind, time_ms, geofence_id, body) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, events) { event in
            var stored = event
            stored.id = event.storageID
            return [stored.id, event.deviceID, event.kind.topicName, event.timeMs, event.geofenceID, try stored.serializedData()]
        }
    }

    private func insertSessions(_ sessions: [Session]) throws -> Int {
        try insertEach("""
            INSERT INTO sessions (gateway_id, session_id, state, device_id, time_ms, body) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, sessions) { session in
            [session.gatewayID, Int64(bitPattern: session.sessionID), session.state.rawValue, session.deviceID,
             session.timeNs / 1_000_000, try session.serializedData()]
        }.0
    }

    private func insertDeadLetters(_ rejects: [Reject]) throws -> Int {
        try insertEach("""
            INSERT INTO dead_letters (stage, instance, error_type, reason, topic, body, time_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, rejects) { reject in
            [reject.stage, reject.instance, reject.errorType, reject.reason, reject.topic, reject.body, reject.timeMs]
        }.0
    }

    /// One upsert per device: seen times widen, the newest position and session state win.
    private func updateDevices(_ activities: [DeviceActivity]) throws {
        guard !activities.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO devices (id, protocol, first_seen_ms, last_seen_ms, last_fix_time_ms, last_position, online, session_time_ns)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                protocol = CASE WHEN excluded.protocol <> '' THEN excluded.protocol ELSE protocol END,
                first_seen_ms = min(first_seen_ms, excluded.first_seen_ms),
                last_seen_ms = max(last_seen_ms, excluded.last_seen_ms),
                last_position = CASE WHEN excluded.last_fix_time_ms >= coalesce(last_fix_time_ms, excluded.last_fix_time_ms)
                    THEN excluded.last_position ELSE last_position END,
                last_fix_time_ms = max(coalesce(last_fix_time_ms, excluded.last_fix_time_ms), coalesce(excluded.last_fix_time_ms, last_fix_time_ms)),
                online = CASE WHEN excluded.session_time_ns >= coalesce(session_time_ns, excluded.session_time_ns)
                    THEN excluded.online ELSE online END,
                session_time_ns = max(coalesce(session_time_ns, excluded.session_time_ns), coalesce(excluded.session_time_ns, session_time_ns))
            """)
        for activity in activities {
            statement.setUncheckedArguments([
                activity.deviceID, activity.protocolName, activity.firstSeenMs, activity.lastSeenMs,
                activity.latestPosition?.fixTimeMs, activity.latestPosition.map { Data($0.body) },
                activity.online, activity.sessionTimeNs,
            ])
            try statement.execute()
        }
    }
}
