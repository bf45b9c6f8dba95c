import Logging
import PostgresNIO

/// The PostgreSQL schema as numbered migrations. Each runs once, in its own transaction, recorded in
/// `schema_migrations`; `migrate` holds a session advisory lock so instances starting together apply
/// each migration exactly once while the others wait.
enum PostgresSchema {
    /// One schema step: statements run in order inside one transaction.
    struct Migration {
        let version: Int
        let name: String
        let statements: [String]
    }

    /// Serialises migrations between processes (any constant; "twmigr" in ASCII).
    static let migrationLockKey: Int64 = 0x74_77_6D_69_67_72

    /// Text keys use the "C" collation so that "ordered by id" means by code point, whatever the
    /// database's locale, as in Swift and SQLite.
    static let migrations: [Migration] = [
        Migration(version: 1, name: "initial schema", statements: [
            """
            CREATE TABLE devices (
                id text COLLATE "C" PRIMARY KEY,
                protocol text NOT NULL DEFAULT '',
                first_seen_ms bigint NOT NULL,
                last_seen_ms bigint NOT NULL,
                last_fix_time_ms bigint,
                last_position bytea,
                online boolean,
                session_time_ns bigint
            )
            """,
            // The protobuf body is what reads return, so values come back bit for bit; the other
            // columns exist for keys, filters and SQL users.
            """
            CREATE TABLE positions (
                device_id text COLLATE "C" NOT NULL,
                fix_time_ms bigint NOT NULL,
                latitude double precision NOT NULL,
                longitude double precision NOT NULL,
                body bytea NOT NULL,
                PRIMARY KEY (device_id, fix_time_ms)
            ) PARTITION BY RANGE (fix_time_ms)
            """,
            "CREATE INDEX positions_time ON positions (fix_time_ms, device_id)",
            // Fix times no daily partition covers (clock garbage, far history) land here.
            "CREATE TABLE \(PostgresPartitions.defaultPartition) PARTITION OF positions DEFAULT",
            """
            CREATE TABLE events (
                id text COLLATE "C" PRIMARY KEY,
                device_id text COLLATE "C" NOT NULL,
                kind text NOT NULL,
                time_ms bigint NOT NULL,
                geofence_id text NOT NULL DEFAULT '',
                body bytea NOT NULL
            )
            """,
            "CREATE INDEX events_time ON events (time_ms, id)",
            "CREATE INDEX events_device_time ON events (device_id, time_ms)",
            """
            CREATE TABLE sessions (
                gateway_id text COLLATE "C" NOT NULL,
                session_id bigint NOT NULL,
                state smallint NOT NULL,
                device_id text COLLATE "C" NOT NULL,
                time_ns bigint NOT NULL,
                body bytea NOT NULL,
                PRIMARY KEY (gateway_id, session_id, state)
            )
            """,
            "CREATE INDEX sessions_time ON sessions (time_ns)",
            "CREATE INDEX sessions_device_time ON sessions (device_id, time_ns)",
            """
            CREATE TABLE dead_letters (
                id bigserial PRIMARY KEY,
                stage text NOT NULL,
                error_type text NOT NULL,
                topic text NOT NULL,
                time_ms bigint NOT NULL,
                body bytea NOT NULL
            )
            """,
            "CREATE INDEX dead_letters_time ON dead_letters (time_ms)",
            """
            CREATE TABLE geofences (
                id text COLLATE "C" PRIMARY KEY,
                updated_ms bigint NOT NULL,
                body bytea NOT NULL
            )
            """,
            """
            CREATE TABLE commands (
                id text COLLATE "C" PRIMARY KEY,
                device_id text COLLATE "C" NOT NULL,
                created_ms bigint NOT NULL,
                body bytea NOT NULL
            )
            """,
            "CREATE INDEX commands_device_created ON commands (device_id, created_ms)",
            "CREATE INDEX commands_created ON commands (created_ms)",
        ]),
        // Distinct records of one device that share a fix time are all kept; a resend (same
        // fingerprint) is still a duplicate. Rows stored before get fingerprint 0.
        Migration(version: 2, name: "positions keyed by (device, fix time, fingerprint)", statements: [
            "ALTER TABLE positions ADD COLUMN fingerprint bigint NOT NULL DEFAULT 0",
            "ALTER TABLE positions DROP CONSTRAINT positions_pkey",
            "ALTER TABLE positions ADD PRIMARY KEY (device_id, fix_time_ms, fingerprint)",
            "DROP INDEX positions_time",
            "CREATE INDEX positions_time ON positions (fix_time_ms, device_id, fingerprint)",
        ]),
        // A command's expires_ms while it is queued or sent, NULL otherwise, for the expiry timer.
        // Commands stored before stay NULL: they still read as expired and are recorded so at
        // the device's next login, as before.
        Migration(version: 3, name: "commands indexed by when a waiting one expires", statements: [
            "ALTER TABLE commands ADD COLUMN pending_expires_ms bigint",
            "CREATE INDEX commands_pending_expiry ON commands (pending_expires_ms) WHERE pending_expires_ms IS NOT NULL",
        ]),
    ]

    /// Applies every migration not yet recorded; returns the versions it applied.
    @discardableResult
    static func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        try await connection.query("SELECT pg_advisory_lock(\(migrationLockKey))", logger: logger)
        do {
            let applied = try await pending(connection, logger: logger)
            try await connection.query("SELECT pg_advisory_unlock(\(migrationLockKey))", logger: logger)
            return applied
        } catch {
            _ = try? await connection.query("SELECT pg_advisory_unlock(\(migrationLockKey))", logger: logger)
            throw error
        }
    }

    private static func pending(_ connection: PostgresConnection, logger: Logger) async throws -> [Int] {
        try await connection.query("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger)
        var done = Set<Int>()
        for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
            done.insert(version)
        }
        var applied: [Int] = []
        for migration in migrations where !done.contains(migration.version) {
            try await connection.withTransaction(logger: logger) { connection in
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger
                )
            }
            logger.info("applied PostgreSQL migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            applied.append(migration.version)
        }
        return applied
    }
}
