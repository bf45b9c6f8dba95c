import Foundation
import GRDB
import TrackwireProtocol

/// The API's queries. Every value comes back from the stored protobuf body, identical to what
/// was committed; the columns only filter and order.
extension SQLiteBackend {
    public func devices() async throws -> [DeviceRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM devices ORDER BY id").map(Self.device)
        }
    }

    public func device(id: String) async throws -> DeviceRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM devices WHERE id = ?", arguments: [id]).map(Self.device)
        }
    }

    public func positions(_ query: PositionQuery) async throws -> PositionPage {
        var filter = SQLFilter()
        filter.any("device_id", query.devices)
        filter.add("fix_time_ms >= ?", query.fromMs)
        filter.add("fix_time_ms < ?", query.toMs)
        if let after = query.after {
            filter.add("(fix_time_ms, device_id, fingerprint) > (?, ?, ?)", [after.fixTimeMs, after.deviceID, after.fingerprint])
        }
        let limit = max(query.limit, 0)
        let sql = "SELECT body FROM positions \(filter.whereClause) ORDER BY fix_time_ms, device_id, fingerprint LIMIT \(limit + 1)"
        let arguments = filter.arguments
        var positions = try await pool.read { db in
            try Data.fetchAll(db, sql: sql, arguments: arguments).map { try Position(serializedBytes: $0) }
        }
        guard positions.count > limit else { return PositionPage(positions: positions, next: nil) }
        positions.removeLast()
        let last = positions.last
        return PositionPage(positions: positions, next: last.map(PositionCursor.init(after:)))
    }

    public func latestPositions(devices: [String]?) async throws -> [Position] {
        var filter = SQLFilter()
        filter.add("last_position IS NOT NULL")
        if let devices { filter.any("id", devices, emptyMatchesAll: false) }
        let (sql, arguments) = ("SELECT last_position FROM devices \(filter.whereClause) ORDER BY id", filter.arguments)
        return try await pool.read { db in
            try Data.fetchAll(db, sql: sql, arguments: arguments).map { try Position(serializedBytes: $0) }
        }
    }

    public func events(_ query: EventQuery) async throws -> [Event] {
        var filter = SQLFilter()
        filter.any("device_id", query.devices)
        filter.any("kind", query.kinds.map(\.topicName))
        filter.add("time_ms >= ?", query.fromMs)
        filter.add("time_ms < ?", query.toMs)
        let sql = "SELECT body FROM events \(filter.whereClause) ORDER BY time_ms, id LIMIT \(max(query.limit, 0))"
        let arguments = filter.arguments
        return try await pool.read { db in
            try Data.fetchAll(db, sql: sql, arguments: arguments).map { try Event(serializedBytes: $0) }
        }
    }

    public func deadLetters(limit: Int, before id: Int64?) async throws -> [DeadLetter] {
        var filter = SQLFilter()
        filter.add("id < ?", id)
        let sql = "SELECT * FROM dead_letters \(filter.whereClause) ORDER BY id DESC LIMIT \(max(limit, 0))"
        let arguments = filter.arguments
        return try await pool.read { db in try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.deadLetter) }
    }

    public func deadLetter(id: Int64) async throws -> DeadLetter? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM dead_letters WHERE id = ?", arguments: [id]).map(Self.deadLetter)
        }
    }

    static func device(_ row: Row) throws -> DeviceRecord {
        DeviceRecord(
            id: row["id"], protocolName: row["protocol"], firstSeenMs: row["first_seen_ms"], lastSeenMs: row["last_seen_ms"],
            lastPosition: try (row["last_position"] as Data?).map { try Position(serializedBytes: $0) },
            online: row["online"]
        )
    }

    static func deadLetter(_ row: Row) -> DeadLetter {
        DeadLetter(id: row["id"], reject: .with {
            $0.stage = row["stage"]
            $0.instance = row["instance"]
            $0.errorType = row["error_type"]
            $0.reason = row["reason"]
            $0.topic = row["topic"]
            $0.body = row["body"]
            $0.timeMs = row["time_ms"]
        })
    }
}

/// A `WHERE` clause built from optional conditions, with its arguments in order.
struct SQLFilter {
    private var conditions: [String] = []
    private(set) var arguments = StatementArguments()

    /// Adds `condition` with its arguments.
    mutating func add(_ condition: String, _ values: [any DatabaseValueConvertible] = []) {
        conditions.append(condition)
        arguments += StatementArguments(values)
    }

    /// Adds `condition` only when `value` is set.
    mutating func add(_ condition: String, _ value: (some DatabaseValueConvertible)?) {
        if let value { add(condition, [value]) }
    }

    /// `column IN (...)`; an empty list adds nothing (all match) unless `emptyMatchesAll` is false.
    mutating func any(_ column: String, _ values: [String], emptyMatchesAll: Bool = true) {
        if values.isEmpty {
            if !emptyMatchesAll { conditions.append("0") }
            return
        }
        add("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ", ")))", values)
    }

    var whereClause: String { conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ") }
}
