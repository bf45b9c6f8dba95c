import Foundation
import GRDB
import TrackwireProtocol

/// Geofences and commands: configuration records the API keeps, stored as protobuf bodies.
extension SQLiteBackend {
    public func geofences() async throws -> [Geofence] {
        try await pool.read { db in
            try Data.fetchAll(db, sql: "SELECT body FROM geofences ORDER BY id").map { try Geofence(serializedBytes: $0) }
        }
    }

    public func geofence(id: String) async throws -> Geofence? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT body FROM geofences WHERE id = ?", arguments: [id]).map { try Geofence(serializedBytes: $0) }
        }
    }

    public func saveGeofence(_ geofence: Geofence) async throws {
        let body = try geofence.serializedData()
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO geofences (id, updated_ms, body) VALUES (?, ?, ?)",
                arguments: [geofence.id, geofence.updatedMs, body]
            )
        }
    }

    public func deleteGeofence(id: String) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM geofences WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    public func saveCommand(_ command: Command) async throws {
        let body = try command.serializedData()
        try await pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO commands (id, device_id, created_ms, body, pending_expires_ms) VALUES (?, ?, ?, ?, ?)",
                arguments: [command.id, command.deviceID, command.createdMs, body, command.pendingExpiresMs]
            )
        }
    }

    public func command(id: String) async throws -> Command? {
        try await pool.read { db in
            try Data.fetchOne(db, sql: "SELECT body FROM commands WHERE id = ?", arguments: [id]).map { try Command(serializedBytes: $0) }
        }
    }

    public func commandsExpiring(by nowMs: Int64, limit: Int) async throws -> [Command] {
        try await pool.read { db in
            try Data.fetchAll(db, sql: """
                SELECT body FROM commands WHERE pending_expires_ms IS NOT NULL AND pending_expires_ms <= ?
                ORDER BY pending_expires_ms, id LIMIT \(max(limit, 0))
                """, arguments: [nowMs]).map { try Command(serializedBytes: $0) }
        }
    }

    public func commands(device: String?, limit: Int) async throws -> [Command] {
        var filter = SQLFilter()
        filter.add("device_id = ?", device)
        let sql = "SELECT body FROM commands \(filter.whereClause) ORDER BY created_ms DESC, id DESC LIMIT \(max(limit, 0))"
        let arguments = filter.arguments
        return try await pool.read { db in
            try Data.fetchAll(db, sql: sql, arguments: arguments).map { try Command(serializedBytes: $0) }
        }
    }
}
