import Foundation
import GRDB
import Testing
import TrackwireProtocol
@testable import Storage

/// Databases written by earlier releases open and keep working.
@Suite struct SQLiteMigrationTests {
    @Test func migrate_fromTheFirstSchema_keysExistingRowsByTheirFingerprint() async throws {
        let path = try StorageSamples.temporaryDirectory().appendingPathComponent("v1.db").path
        let old = StorageSamples.position(fixTimeMs: 1_700_000_000_000)
        do {
            // A database as the first release left it: the v1 schema and one position in it.
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator(first: 1).migrate(queue)
            try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO positions (device_id, fix_time_ms, latitude, longitude, speed_kmh, course_deg, altitude_m, valid, body)
                    VALUES (?, ?, 0, 0, 0, 0, 0, 1, ?)
                    """, arguments: [old.deviceID, old.fixTimeMs, try old.serializedData()])
            }
            try queue.close()
        }
        let backend = try SQLiteBackend(path: path)
        try await backend.migrate()
        var resent = old
        resent.serverTimeNs += 1
        #expect(try await backend.write(WriteBatch(positions: [resent])).positionsDuplicate == 1, "the old row's fingerprint was computed")
        var other = old
        other.attributes["alarm"] = .string("tow")
        #expect(try await backend.write(WriteBatch(positions: [other])).positionsStored == 1, "a distinct record at the same time is kept")
        #expect(try await backend.positions(PositionQuery()).positions.count == 2)
        try await backend.close()
    }

    @Test func migrate_fromTheSecondSchema_indexesWaitingCommandsByTheirExpiry() async throws {
        let path = try StorageSamples.temporaryDirectory().appendingPathComponent("v2.db").path
        let waiting = Command.with { $0.id = "w"; $0.deviceID = "dev"; $0.createdMs = 1; $0.status = "queued"; $0.expiresMs = 1000 }
        var answered = waiting
        answered.id = "a"
        answered.status = "acknowledged"
        do {
            let queue = try DatabaseQueue(path: path)
            try SQLiteSchema.migrator(first: 2).migrate(queue)
            let commands = [waiting, answered]
            try await queue.write { db in
                for command in commands {
                    try db.execute(sql: "INSERT INTO commands (id, device_id, created_ms, body) VALUES (?, ?, ?, ?)",
                                   arguments: [command.id, command.deviceID, command.createdMs, try command.serializedData()])
                }
            }
            try queue.close()
        }
        let backend = try SQLiteBackend(path: path)
        try await backend.migrate()
        #expect(try await backend.commandsExpiring(by: 2000, limit: 10).map(\.id) == ["w"])
        #expect(try await backend.commandsExpiring(by: 999, limit: 10).isEmpty)
        try await backend.close()
    }
}
