import Foundation
import GRDB
import Synchronization

/// The webhooks' durable outbox: one SQLite table (WAL) of deliveries per webhook, in arrival
/// order. The bus thread appends a batch per transaction; each webhook's deliverer reads its
/// oldest rows and deletes each once the receiver accepted it. SQLite rather than a hand-written
/// log: deleting delivered rows needs no compaction, a crash mid-write cannot tear a record, and
/// the bound per webhook is one DELETE. Survives a crash or restart of push (synchronous=NORMAL:
/// the last transactions before a power loss may be lost).
final class Outbox: Sendable {
    /// One pending delivery.
    struct Row: Sendable, Equatable {
        let id: Int64
        let body: [UInt8]
    }

    private let database: DatabasePool
    private let limit: Int
    private let depths: Mutex<[String: Int]>

    /// Opens (creating if needed) the outbox at `path`; `limit` deliveries are kept per webhook.
    init(path: String, limit: Int) throws {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        database = try DatabasePool(path: path, configuration: configuration)
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS outbox (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  webhook TEXT NOT NULL,
                  body BLOB NOT NULL,
                  created_ms INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS outbox_by_webhook ON outbox (webhook, id);
                """)
        }
        let counts = try database.read { db in
            try Row_.fetchAll(db, sql: "SELECT webhook, COUNT(*) AS n FROM outbox GROUP BY webhook")
        }
        depths = Mutex(Dictionary(uniqueKeysWithValues: counts.map { ($0.webhook, $0.n) }))
        self.limit = limit
    }

    private struct Row_: FetchableRecord, Decodable {
        let webhook: String
        let n: Int
    }

    /// Appends deliveries, in order, in one transaction; trims each webhook to the limit (oldest
    /// first). Returns how many were dropped per webhook. Blocking: call from the bus thread.
    func append(_ deliveries: [String: [[UInt8]]]) throws -> [String: Int] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let limit = self.limit
        let dropped = try database.write { db -> [String: Int] in
            var dropped: [String: Int] = [:]
            for (webhook, bodies) in deliveries {
                for body in bodies {
                    try db.execute(sql: "INSERT INTO outbox (webhook, body, created_ms) VALUES (?, ?, ?)",
                                   arguments: [webhook, Data(body), now])
                }
                try db.execute(sql: """
                    DELETE FROM outbox WHERE webhook = ? AND id <= (
                      SELECT id FROM outbox WHERE webhook = ? ORDER BY id DESC LIMIT 1 OFFSET ?)
                    """, arguments: [webhook, webhook, limit])
                dropped[webhook] = db.changesCount
            }
            return dropped
        }
        depths.withLock { depths in
            for (webhook, bodies) in deliveries { depths[webhook, default: 0] += bodies.count - dropped[webhook, default: 0] }
        }
        return dropped
    }

    /// The oldest `count` pending deliveries of `webhook`.
    func oldest(_ webhook: String, count: Int) async throws -> [Row] {
        try await database.read { db in
            try GRDB.Row.fetchAll(db, sql: "SELECT id, body FROM outbox WHERE webhook = ? ORDER BY id LIMIT ?", arguments: [webhook, count])
                .map { Row(id: $0["id"], body: [UInt8]($0["body"] as Data)) }
        }
    }

    /// Forgets a delivery the receiver accepted.
    func remove(_ id: Int64, of webhook: String) async throws {
        let deleted = try await database.write { db in
            try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
            return db.changesCount
        }
        depths.withLock { $0[webhook, default: 0] -= deleted }
    }

    /// Deliveries waiting for `webhook`.
    func depth(_ webhook: String) -> Int { depths.withLock { $0[webhook] ?? 0 } }
}
