import Foundation
import Storage
import Testing
import TrackwireProtocol

/// Daily partitions, retention by dropping them, and downsampling, on a real server.
@Suite(.serialized) struct PostgresRetentionTests {
    static let dayMs = StoreFixtures.dayMs

    /// Partition name of the UTC day holding `ms`.
    static func partition(_ ms: Int64) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "positions_p" + formatter.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    @Test func write_createsDayPartitionsAheadAndOnDemand_farTimesGoToDefault() async throws {
        let database = try await PostgresTestDatabase.make()
        let now = StoreFixtures.nowMs
        let farPast: Int64 = 315_532_800_000 // 1980-01-01, outside the on-demand window
        try await database.withBackend { backend in
            _ = try await backend.write(WriteBatch(positions: [
                StoreFixtures.position("a", now), StoreFixtures.position("a", now - 3 * Self.dayMs), StoreFixtures.position("a", farPast),
            ]))
        }
        let placement = try await database.scalar("SELECT tableoid::regclass::text || ' ' || fix_time_ms FROM positions ORDER BY fix_time_ms")
        #expect(placement.split(separator: "\n") == [
            "positions_default \(farPast)",
            "\(Self.partition(now - 3 * Self.dayMs)) \(now - 3 * Self.dayMs)",
            "\(Self.partition(now)) \(now)",
        ])
        for ahead in 1...2 {
            let name = Self.partition(now + Int64(ahead) * Self.dayMs)
            #expect(try await database.scalar("SELECT to_regclass('\(name)') IS NOT NULL") == "t", "\(name) exists ahead of time")
        }
    }

    @Test func partitionCreatedLater_takesOverItsRowsFromDefault() async throws {
        let database = try await PostgresTestDatabase.make()
        let tenDaysAgo = StoreFixtures.nowMs - 10 * Self.dayMs
        // First a backend whose on-demand window stops at 5 days back: the row lands in default.
        try await database.withBackend(policy: PartitionPolicy(onDemandPastDays: 5)) { backend in
            _ = try await backend.write(WriteBatch(positions: [StoreFixtures.position("a", tenDaysAgo)]))
        }
        #expect(try await database.count("SELECT count(*) FROM positions_default") == 1)
        let stored = try await database.withBackend { backend in
            let outcome = try await backend.write(WriteBatch(positions: [
                StoreFixtures.position("a", tenDaysAgo), StoreFixtures.position("a", tenDaysAgo + 1),
            ]))
            return outcome.positionsStored
        }
        #expect(stored == 1, "the row moved out of default still counts as stored")
        #expect(try await database.count("SELECT count(*) FROM positions_default") == 0)
        #expect(try await database.count("SELECT count(*) FROM \(Self.partition(tenDaysAgo))") == 2)
    }

    @Test func removeData_dropsOldPartitionsAndTrimsTheStraddlingOne_whileWritesContinue() async throws {
        let database = try await PostgresTestDatabase.make()
        let now = StoreFixtures.nowMs
        let today = now - now % Self.dayMs
        // 12 old days of positions, 50 a day, plus events, sessions and rejects as old.
        let old = (1...12).flatMap { day in
            (0..<50).map { StoreFixtures.position("d\($0 % 5)", today - Int64(day) * Self.dayMs + Int64($0) * 60_000) }
        }
        let cutoff = today - 5 * Self.dayMs + 25 * 60_000 // in the middle of day -5
        let expectedGone = old.filter { $0.fixTimeMs < cutoff }.count
        let (removed, written) = try await database.withBackend { backend in
            _ = try await backend.write(WriteBatch(
                positions: old,
                events: [StoreFixtures.event("old", "d0", .alarm, cutoff - 1), StoreFixtures.event("new", "d0", .alarm, cutoff)],
                sessions: [StoreFixtures.session("d0", .online, timeMs: cutoff - 1)],
                rejects: [StoreFixtures.reject("old", timeMs: cutoff - 1)]
            ))
            // A writer keeps ingesting today's positions throughout the retention run.
            let writer = Task {
                var written = 0
                for batch in 0..<40 {
                    let positions = (0..<25).map { StoreFixtures.position("live\($0)", now - Int64(batch) * 1000) }
                    written += try await backend.write(WriteBatch(positions: positions)).positionsStored
                }
                return written
            }
            let removed = try await backend.removeData(olderThan: cutoff, chunkRows: 7)
            return (removed, try await writer.value)
        }
        #expect(removed == expectedGone + 3)
        #expect(written == 1000)
        #expect(try await database.count("SELECT count(*) FROM positions WHERE fix_time_ms < \(cutoff)") == 0)
        #expect(try await database.count("SELECT count(*) FROM positions WHERE fix_time_ms >= \(cutoff)") == old.count - expectedGone + 1000)
        for day in 6...12 {
            let name = Self.partition(today - Int64(day) * Self.dayMs)
            #expect(try await database.scalar("SELECT to_regclass('\(name)') IS NULL") == "t", "\(name) dropped")
        }
        #expect(try await database.scalar("SELECT to_regclass('\(Self.partition(cutoff))') IS NOT NULL") == "t", "straddling partition kept")
        #expect(try await database.scalar("SELECT string_agg(id, ',') FROM events") == "new")
        #expect(try await database.count("SELECT count(*) FROM sessions") == 0)
        #expect(try await database.count("SELECT count(*) FROM dead_letters") == 0)
    }

    @Test func downsample_keepsFirstPositionPerDevicePerInterval_onlyBeforeCutoff() async throws {
        let database = try await PostgresTestDatabase.make()
        let start = StoreFixtures.nowMs - 2 * Self.dayMs
        let minuteStart = start - start % 60_000
        // Every 10 s for 10 minutes, two devices; the first 5 minutes are before the cutoff.
        let positions = (0..<60).flatMap { step in ["a", "b"].map { StoreFixtures.position($0, minuteStart + Int64(step) * 10_000) } }
        let cutoff = minuteStart + 5 * 60_000
        let (removed, again, kept) = try await database.withBackend { backend in
            _ = try await backend.write(WriteBatch(positions: positions))
            let removed = try await backend.downsample(olderThan: cutoff, intervalMs: 60_000, chunkRows: 4)
            let again = try await backend.downsample(olderThan: cutoff, intervalMs: 60_000, chunkRows: 4)
            return (removed, again, try await backend.positions(PositionQuery(limit: 1000)).positions)
        }
        #expect(removed == 2 * 5 * 5)
        #expect(again == 0)
        let before = kept.filter { $0.fixTimeMs < cutoff }
        let minuteStarts: [Int64] = (0..<5).map { minuteStart + Int64($0) * 60_000 }
        let expected: [Int64] = minuteStarts.flatMap { [$0, $0] }
        #expect(before.map(\.fixTimeMs) == expected)
        #expect(kept.filter { $0.fixTimeMs >= cutoff }.count == 60)
    }
}
