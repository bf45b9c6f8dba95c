import Foundation
import GRDB
import TrackwireProtocol

/// The SQLite schema, as GRDB migrations: each one runs once per database file, in order, and is
/// never edited after release (add a new one instead). Values the API returns are read back from
/// the protobuf `body` column, so they come back bit for bit; the other columns exist to filter,
/// order and index. Public so `tw bench storage` gives its raw SQLite baseline the same schema.
public enum SQLiteSchema {
    /// Every migration, in order.
    public static var migrator: DatabaseMigrator { migrator(first: .max) }

    /// The first `count` migrations only (tests build older databases with it).
    static func migrator(first count: Int) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        let steps: [(String, @Sendable (Database) throws -> Void)] = [
            ("v1: devices, positions, events, sessions, dead letters, geofences, commands", { try $0.execute(sql: v1) }),
            ("v2: positions keyed by (device, fix time, fingerprint)", positionsByFingerprint),
            ("v3: commands indexed by when a waiting one expires", commandsByExpiry),
        ]
        for (name, migrate) in steps.prefix(count) { migrator.registerMigration(name, migrate: migrate) }
        return migrator
    }

    /// Distinct records of one device that share a fix time are all kept; a resend (same
    /// fingerprint) is still a duplicate. SQLite cannot change a primary key, so the table is
    /// rebuilt, each existing row's fingerprint computed from its stored body.
    private static func positionsByFingerprint(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE positions_v2 (
                device_id TEXT NOT NULL,
                fix_time_ms INTEGER NOT NULL,
                fingerprint INTEGER NOT NULL,
                latitude REAL NOT NULL,
                longitude REAL NOT NULL,
                speed_kmh REAL NOT NULL,
                course_deg REAL NOT NULL,
                altitude_m REAL NOT NULL,
                valid INTEGER NOT NULL,
                body BLOB NOT NULL,
                PRIMARY KEY (device_id, fix_time_ms, fingerprint)
            ) WITHOUT ROWID
            """)
        let insert = try db.makeStatement(sql: """
            INSERT INTO positions_v2 SELECT device_id, fix_time_ms, ?, latitude, longitude, speed_kmh, course_deg, altitude_m, valid, body
            FROM positions WHERE device_id = ? AND fix_time_ms = ?
            """)
        let rows = try Row.fetchCursor(db, sql: "SELECT device_id, fix_time_ms, body FROM positions")
        while let row = try rows.next() {
            let fingerprint = (try? Position(serializedBytes: row["body"] as Data).fingerprint) ?? 0
            try insert.execute(arguments: [fingerprint, row["device_id"] as String, row["fix_time_ms"] as Int64])
        }
        try db.execute(sql: """
            DROP TABLE positions;
            ALTER TABLE positions_v2 RENAME TO positions;
            CREATE INDEX positions_by_time ON positions (fix_time_ms, device_id, fingerprint);
            """)
    }

    /// `pending_expires_ms` is a command's `expires_ms` while it is queued or sent (NULL
    /// otherwise), so the expiry timer finds due commands by index; filled from the stored bodies.
    private static func commandsByExpiry(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE commands ADD COLUMN pending_expires_ms INTEGER;
            CREATE INDEX commands_by_pending_expiry ON commands (pending_expires_ms) WHERE pending_expires_ms IS NOT NULL;
            """)
        let update = try db.makeStatement(sql: "UPDATE commands SET pending_expires_ms = ? WHERE id = ?")
        let rows = try Row.fetchCursor(db, sql: "SELECT id, body FROM commands")
        while let row = try rows.next() {
            guard let command = try? Command(serializedBytes: row["body"] as Data), let due = command.pendingExpiresMs else { continue }
            try update.execute(arguments: [due, row["id"] as String])
        }
    }

    private static let v1 = """
        CREATE TABLE devices (
            id TEXT PRIMARY KEY NOT NULL,
            protocol TEXT NOT NULL DEFAULT '',
            first_seen_ms INTEGER NOT NULL,
            last_seen_ms INTEGER NOT NULL,
            last_fix_time_ms INTEGER,
            last_position BLOB,
            online INTEGER,
            session_time_ns INTEGER
        );
        CREATE TABLE positions (
            device_id TEXT NOT NULL,
            fix_time_ms INTEGER NOT NULL,
            latitude REAL NOT NULL,
            longitude REAL NOT NULL,
            speed_kmh REAL NOT NULL,
            course_deg REAL NOT NULL,
            altitude_m REAL NOT NULL,
            valid INTEGER NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (device_id, fix_time_ms)
        ) WITHOUT ROWID;
        CREATE INDEX positions_by_time ON positions (fix_time_ms, device_id);
        CREATE TABLE events (
            id TEXT PRIMARY KEY NOT NULL,
            device_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            time_ms INTEGER NOT NULL,
            geofence_id TEXT NOT NULL DEFAULT '',
            body BLOB NOT NULL
        );
        CREATE INDEX events_by_device ON events (device_id, time_ms);
        CREATE INDEX events_by_time ON events (time_ms, id);
        CREATE TABLE sessions (
            gateway_id TEXT NOT NULL,
            session_id INTEGER NOT NULL,
            state INTEGER NOT NULL,
            device_id TEXT NOT NULL,
            time_ms INTEGER NOT NULL,
            body BLOB NOT NULL,
            PRIMARY KEY (gateway_id, session_id, state)
        );
        CREATE INDEX sessions_by_time ON sessions (time_ms);
        CREATE TABLE dead_letters (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            stage TEXT NOT NULL,
            instance TEXT NOT NULL,
            error_type TEXT NOT NULL,
            reason TEXT NOT NULL,
            topic TEXT NOT NULL,
            body BLOB NOT NULL,
            time_ms INTEGER NOT NULL
        );
        CREATE INDEX dead_letters_by_time ON dead_letters (time_ms);
        CREATE TABLE geofences (
            id TEXT PRIMARY KEY NOT NULL,
            updated_ms INTEGER NOT NULL,
            body BLOB NOT NULL
        );
        CREATE TABLE commands (
            id TEXT PRIMARY KEY NOT NULL,
            device_id TEXT NOT NULL,
            created_ms INTEGER NOT NULL,
            body BLOB NOT NULL
        );
        CREATE INDEX commands_by_device ON commands (device_id, created_ms);
        """
}
