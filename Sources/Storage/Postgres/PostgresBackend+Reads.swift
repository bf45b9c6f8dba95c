import NIOCore
import PostgresNIO
import SwiftProtobuf
import TrackwireProtocol

/// The API's queries. Every stored record is read back from its protobuf body, so it comes back
/// exactly as it was written. Filters that are not given travel as NULL or an empty array and
/// drop out when PostgreSQL plans the (unnamed, one-shot) statement with the actual values.
extension PostgresBackend {
    public func devices() async throws -> [DeviceRecord] {
        try await deviceRecords("\(unescaped: Self.deviceColumns) ORDER BY id")
    }

    public func device(id: String) async throws -> DeviceRecord? {
        try await deviceRecords("\(unescaped: Self.deviceColumns) WHERE id = \(id)").first
    }

    public func positions(_ query: PositionQuery) async throws -> PositionPage {
        let limit = max(0, query.limit)
        let positions = try await messages(Position.self, """
            SELECT body FROM positions
            WHERE (cardinality(\(query.devices)::text[]) = 0 OR device_id = ANY(\(query.devices)::text[]))
              AND (\(query.fromMs)::int8 IS NULL OR fix_time_ms >= \(query.fromMs)::int8)
              AND (\(query.toMs)::int8 IS NULL OR fix_time_ms < \(query.toMs)::int8)
              AND (\(query.after?.fixTimeMs)::int8 IS NULL
                   OR (fix_time_ms, device_id, fingerprint)
                      > (\(query.after?.fixTimeMs)::int8, \(query.after?.deviceID)::text, \(query.after?.fingerprint)::int8))
            ORDER BY fix_time_ms, device_id, fingerprint
            LIMIT \(limit + 1)
            """)
        guard positions.count > limit else { return PositionPage(positions: positions, next: nil) }
        let page = Array(positions.prefix(limit))
        let next = page.last.map(PositionCursor.init(after:))
        return PositionPage(positions: page, next: next)
    }

    public func latestPositions(devices: [String]?) async throws -> [Position] {
        try await messages(Position.self, """
            SELECT last_position FROM devices
            WHERE last_position IS NOT NULL AND (\(devices == nil) OR id = ANY(\(devices ?? [])::text[]))
            ORDER BY id
            """)
    }

    public func events(_ query: EventQuery) async throws -> [Event] {
        let kinds = query.kinds.map(\.topicName)
        return try await messages(Event.self, """
            SELECT body FROM events
            WHERE (cardinality(\(query.devices)::text[]) = 0 OR device_id = ANY(\(query.devices)::text[]))
              AND (cardinality(\(kinds)::text[]) = 0 OR kind = ANY(\(kinds)::text[]))
              AND (\(query.fromMs)::int8 IS NULL OR time_ms >= \(query.fromMs)::int8)
              AND (\(query.toMs)::int8 IS NULL OR time_ms < \(query.toMs)::int8)
            ORDER BY time_ms, id
            LIMIT \(max(0, query.limit))
            """)
    }

    public func deadLetters(limit: Int, before id: Int64?) async throws -> [DeadLetter] {
        try await deadLetterRecords("""
            SELECT id, body FROM dead_letters WHERE (\(id)::int8 IS NULL OR id < \(id)::int8)
            ORDER BY id DESC LIMIT \(max(0, limit))
            """)
    }

    public func deadLetter(id: Int64) async throws -> DeadLetter? {
        try await deadLetterRecords("SELECT id, body FROM dead_letters WHERE id = \(id)").first
    }

    // MARK: Configuration records

    public func geofences() async throws -> [Geofence] {
        try await messages(Geofence.self, "SELECT body FROM geofences ORDER BY id")
    }

    public func geofence(id: String) async throws -> Geofence? {
        try await messages(Geofence.self, "SELECT body FROM geofences WHERE id = \(id)").first
    }

    public func saveGeofence(_ geofence: Geofence) async throws {
        try await client.query("""
            INSERT INTO geofences (id, updated_ms, body) VALUES (\(geofence.id), \(geofence.updatedMs), \(try byteaBody(geofence)))
            ON CONFLICT (id) DO UPDATE SET updated_ms = excluded.updated_ms, body = excluded.body
            """, logger: logger)
    }

    public func deleteGeofence(id: String) async throws -> Bool {
        try await messages(Geofence.self, "DELETE FROM geofences WHERE id = \(id) RETURNING body").isEmpty == false
    }

    public func saveCommand(_ command: Command) async throws {
        try await client.query("""
            INSERT INTO commands (id, device_id, created_ms, body, pending_expires_ms)
            VALUES (\(command.id), \(command.deviceID), \(command.createdMs), \(try byteaBody(command)), \(command.pendingExpiresMs))
            ON CONFLICT (id) DO UPDATE SET device_id = excluded.device_id, created_ms = excluded.created_ms, body = excluded.body,
                pending_expires_ms = excluded.pending_expires_ms
            """, logger: logger)
    }

    public func command(id: String) async throws -> Command? {
        try await messages(Command.self, "SELECT body FROM commands WHERE id = \(id)").first
    }

    public func commandsExpiring(by nowMs: Int64, limit: Int) async throws -> [Command] {
        try await messages(Command.self, """
            SELECT body FROM commands WHERE pending_expires_ms IS NOT NULL AND pending_expires_ms <= \(nowMs)
            ORDER BY pending_expires_ms, id LIMIT \(max(0, limit))
            """)
    }

    public func commands(device: String?, limit: Int) async throws -> [Command] {
        try await messages(Command.self, """
            SELECT body FROM commands WHERE (\(device)::text IS NULL OR device_id = \(device)::text)
            ORDER BY created_ms DESC, id DESC LIMIT \(max(0, limit))
            """)
    }

    // MARK: Decoding

    private static let deviceColumns =
        "SELECT id, protocol, first_seen_ms, last_seen_ms, last_position, online FROM devices"

    /// The rows' single bytea column decoded as `type`.
    func messages<M: SwiftProtobuf.Message>(_ type: M.Type, _ query: PostgresQuery) async throws -> [M] {
        var result: [M] = []
        for try await body in try await client.query(query, logger: logger).decode(ByteBuffer.self) {
            result.append(try M(serializedBytes: Array(body.readableBytesView)))
        }
        return result
    }

    private func deviceRecords(_ query: PostgresQuery) async throws -> [DeviceRecord] {
        var result: [DeviceRecord] = []
        let rows = try await client.query(query, logger: logger)
        for try await (id, name, first, last, position, online) in rows.decode((String, String, Int64, Int64, ByteBuffer?, Bool?).self) {
            let lastPosition = try position.map { try Position(serializedBytes: Array($0.readableBytesView)) }
            result.append(DeviceRecord(id: id, protocolName: name, firstSeenMs: first, lastSeenMs: last, lastPosition: lastPosition, online: online))
        }
        return result
    }

    private func deadLetterRecords(_ query: PostgresQuery) async throws -> [DeadLetter] {
        var result: [DeadLetter] = []
        for try await (id, body) in try await client.query(query, logger: logger).decode((Int64, ByteBuffer).self) {
            result.append(DeadLetter(id: id, reject: try Reject(serializedBytes: Array(body.readableBytesView))))
        }
        return result
    }
}
