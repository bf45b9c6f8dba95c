import Foundation
import GRDB
import Storage
import Testing
import TrackwireProtocol

/// `SQLiteBackend` against real SQLite files in temporary directories.
@Suite struct SQLiteBackendTests {
    @Test func write_thenRead_returnsIdenticalPositions() async throws {
        let fixture = try await SQLiteFixture()
        let positions = (0..<5).map { StorageSamples.position(fixTimeMs: 1_700_000_000_000 + Int64($0) * 1000, sequence: UInt64($0)) }
        let outcome = try await fixture.backend.write(WriteBatch(positions: positions))
        #expect(outcome.positionsStored == 5 && outcome.positionsDuplicate == 0)
        let page = try await fixture.backend.positions(PositionQuery())
        #expect(page.positions == positions)
        #expect(page.next == nil)
        await fixture.close()
    }

    @Test func write_sameFixTwice_storesOneRowAndCountsTheDuplicate() async throws {
        let fixture = try await SQLiteFixture()
        let position = StorageSamples.position(fixTimeMs: 1_700_000_000_000)
        let first = try await fixture.backend.write(WriteBatch(positions: [position, position]))
        let second = try await fixture.backend.write(WriteBatch(positions: [position]))
        #expect(first.positionsStored == 1 && first.positionsDuplicate == 1)
        #expect(second.positionsStored == 0 && second.positionsDuplicate == 1)
        #expect(try await fixture.backend.positions(PositionQuery()).positions.count == 1)
        await fixture.close()
    }

    @Test func write_recordsSharingAFixTime_areAllKept_resendsAreNot_andPagesKeepThemApart() async throws {
        let fixture = try await SQLiteFixture()
        let periodic = StorageSamples.position(fixTimeMs: 1_700_000_000_000)
        var alarm = periodic
        alarm.attributes["alarm"] = .string("power_cut")
        var resent = periodic
        resent.frame = .with { $0.gatewayID = "gw9"; $0.sessionID = 3; $0.sequence = 1 }
        resent.serverTimeNs += 2_000_000_000
        let first = try await fixture.backend.write(WriteBatch(positions: [periodic, alarm]))
        let second = try await fixture.backend.write(WriteBatch(positions: [resent]))
        #expect(first.positionsStored == 2 && second.positionsDuplicate == 1)
        let page1 = try await fixture.backend.positions(PositionQuery(limit: 1))
        let page2 = try await fixture.backend.positions(PositionQuery(limit: 1, after: page1.next))
        #expect(Set((page1.positions + page2.positions).map(\.fingerprint)) == [periodic.fingerprint, alarm.fingerprint])
        await fixture.close()
    }

    @Test func write_keepsEachDevicesFirstLastSeenProtocolLatestPositionAndSessionState() async throws {
        let fixture = try await SQLiteFixture()
        let newer = StorageSamples.position(fixTimeMs: 2_000_000)
        let older = StorageSamples.position(fixTimeMs: 1_000_000)
        _ = try await fixture.backend.write(WriteBatch(positions: [newer], sessions: [StorageSamples.session(state: .online, timeMs: 1_500_000)]))
        _ = try await fixture.backend.write(WriteBatch(positions: [older]))
        let device = try #require(try await fixture.backend.device(id: newer.deviceID))
        #expect(device.protocolName == "gt06")
        #expect(device.firstSeenMs == 1_000_250 && device.lastSeenMs == 2_000_250)
        #expect(device.lastPosition == newer, "an older fix arriving late does not replace the newest")
        #expect(device.online == true)
        _ = try await fixture.backend.write(WriteBatch(sessions: [StorageSamples.session(state: .offline, timeMs: 3_000_000)]))
        #expect(try await fixture.backend.device(id: newer.deviceID)?.online == false)
        #expect(try await fixture.backend.devices().map(\.id) == [newer.deviceID])
        #expect(try await fixture.backend.device(id: "unknown") == nil)
        await fixture.close()
    }

    @Test func positions_pageThroughWithCursorsInFixTimeOrder() async throws {
        let fixture = try await SQLiteFixture()
        let all = (0..<10).flatMap { index in
            ["a", "b"].map { StorageSamples.position(device: $0, fixTimeMs: 1_000 + Int64(index) * 10) }
        }
        _ = try await fixture.backend.write(WriteBatch(positions: all.shuffled()))
        var collected: [Position] = []
        var query = PositionQuery(limit: 3)
        while true {
            let page = try await fixture.backend.positions(query)
            collected += page.positions
            guard let next = page.next else { break }
            query.after = next
        }
        #expect(collected == all)
        let ranged = try await fixture.backend.positions(PositionQuery(devices: ["b"], fromMs: 1_020, toMs: 1_050))
        #expect(ranged.positions.map(\.fixTimeMs) == [1_020, 1_030, 1_040] && ranged.positions.allSatisfy { $0.deviceID == "b" })
        let latest = try await fixture.backend.latestPositions(devices: nil)
        #expect(latest.map(\.deviceID) == ["a", "b"] && latest.allSatisfy { $0.fixTimeMs == 1_090 })
        #expect(try await fixture.backend.latestPositions(devices: ["b", "zz"]).map(\.deviceID) == ["b"])
        #expect(try await fixture.backend.latestPositions(devices: []).isEmpty)
        await fixture.close()
    }

    @Test func events_areIdempotentByIdAndFilteredByDeviceKindAndTime() async throws {
        let fixture = try await SQLiteFixture()
        let events = [
            StorageSamples.event(id: "e1", kind: .geofenceEnter, timeMs: 100),
            StorageSamples.event(id: "e2", kind: .geofenceExit, timeMs: 200),
            StorageSamples.event(device: "other", kind: .alarm, timeMs: 150),
        ]
        let first = try await fixture.backend.write(WriteBatch(events: events))
        let again = try await fixture.backend.write(WriteBatch(events: events))
        #expect(first.eventsStored == 3 && again.eventsDuplicate == 3 && again.eventsStored == 0)
        #expect(try await fixture.backend.events(EventQuery()).map(\.timeMs) == [100, 150, 200])
        let exits = try await fixture.backend.events(EventQuery(kinds: [.geofenceExit]))
        #expect(exits.map(\.id) == ["e2"])
        let other = try await fixture.backend.events(EventQuery(devices: ["other"], fromMs: 100, toMs: 200))
        #expect(other.count == 1 && other[0].id == "other:alarm:150:depot", "an event without id gets a deterministic one")
        await fixture.close()
    }

    @Test func deadLetters_areNumberedAndListedNewestFirst() async throws {
        let fixture = try await SQLiteFixture()
        let rejects = (0..<3).map { StorageSamples.reject(timeMs: 1_000 + Int64($0)) }
        let outcome = try await fixture.backend.write(WriteBatch(rejects: rejects))
        #expect(outcome.deadLettersStored == 3)
        let listed = try await fixture.backend.deadLetters(limit: 10, before: nil)
        #expect(listed.map(\.reject) == rejects.reversed())
        let older = try await fixture.backend.deadLetters(limit: 10, before: listed[0].id)
        #expect(older.map(\.id) == Array(listed.dropFirst()).map(\.id))
        #expect(try await fixture.backend.deadLetter(id: listed[1].id)?.reject == rejects[1])
        #expect(try await fixture.backend.deadLetter(id: 9_999) == nil)
        await fixture.close()
    }

    @Test func geofencesAndCommands_roundTrip() async throws {
        let fixture = try await SQLiteFixture()
        let fence = Geofence.with {
            $0.id = "depot"
            $0.name = "Depot"
            $0.geojson = #"{"type":"Feature","id":"depot","geometry":{"type":"Point","coordinates":[13.4,52.5]},"properties":{"radius_m":200}}"#
            $0.detect = ["enter", "exit"]
            $0.updatedMs = 5
        }
        try await fixture.backend.saveGeofence(fence)
        var renamed = fence
        renamed.name = "Main depot"
        try await fixture.backend.saveGeofence(renamed)
        #expect(try await fixture.backend.geofences() == [renamed])
        #expect(try await fixture.backend.geofence(id: "depot") == renamed)
        #expect(try await fixture.backend.deleteGeofence(id: "depot"))
        #expect(try await !fixture.backend.deleteGeofence(id: "depot"))
        #expect(try await fixture.backend.geofence(id: "depot") == nil)
        let commands = (0..<3).map { index in
            Command.with {
                $0.id = "c\(index)"
                $0.deviceID = index == 2 ? "other" : "dev"
                $0.type = "engine_stop"
                $0.createdMs = Int64(index)
            }
        }
        for command in commands { try await fixture.backend.saveCommand(command) }
        #expect(try await fixture.backend.commands(device: "dev", limit: 10).map(\.id) == ["c1", "c0"])
        #expect(try await fixture.backend.commands(device: nil, limit: 2).map(\.id) == ["c2", "c1"])
        await fixture.close()
    }

    @Test func secondWriterOnTheSameFile_failsWithAClearError() async throws {
        let fixture = try await SQLiteFixture()
        let error = #expect(throws: WriterLockError.self) { try SQLiteBackend(path: fixture.path) }
        #expect(error?.description.contains("already writing") == true)
        await fixture.close()
        let reopened = try SQLiteBackend(path: fixture.path)
        try await reopened.close()
    }

    @Test func migrate_isSafeToRepeatAndTheFileIsInWALMode() async throws {
        let fixture = try await SQLiteFixture()
        try await fixture.backend.migrate()
        var readOnly = Configuration()
        readOnly.readonly = true
        let reader = try DatabaseQueue(path: fixture.path, configuration: readOnly)
        let mode = try await reader.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
        try reader.close()
        await fixture.close()
    }

    @Test func removeData_deletesOldRowsOfEveryKindInChunksAndKeepsTheRest() async throws {
        let fixture = try await SQLiteFixture()
        let positions = (0..<25).map { StorageSamples.position(fixTimeMs: Int64($0) * 100) }
        let events = (0..<5).map { StorageSamples.event(id: "e\($0)", timeMs: Int64($0) * 500) }
        let sessions = [StorageSamples.session(state: .online, timeMs: 100), StorageSamples.session(state: .offline, timeMs: 2_000)]
        let rejects = [StorageSamples.reject(timeMs: 100), StorageSamples.reject(timeMs: 2_400)]
        _ = try await fixture.backend.write(WriteBatch(positions: positions, events: events, sessions: sessions, rejects: rejects))
        let removed = try await fixture.backend.removeData(olderThan: 1_500, chunkRows: 4)
        // positions 0..1400 (15), events 0, 500, 1000 (3), one session, one dead letter
        #expect(removed == 15 + 3 + 1 + 1)
        #expect(try await fixture.backend.positions(PositionQuery()).positions.map(\.fixTimeMs).first == 1_500)
        #expect(try await fixture.backend.events(EventQuery()).map(\.id) == ["e3", "e4"])
        #expect(try await fixture.backend.deadLetters(limit: 10, before: nil).map(\.reject.timeMs) == [2_400])
        #expect(try await fixture.backend.removeData(olderThan: 1_500, chunkRows: 4) == 0)
        await fixture.close()
    }

    @Test func downsample_keepsTheFirstPositionPerDeviceAndIntervalBeforeTheCutoff() async throws {
        let fixture = try await SQLiteFixture()
        // Two devices, a fix every 10 s for 5 minutes.
        let positions = ["a", "b"].flatMap { device in
            (0..<30).map { StorageSamples.position(device: device, fixTimeMs: 1_000_000 + Int64($0) * 10_000) }
        }
        _ = try await fixture.backend.write(WriteBatch(positions: positions))
        let cutoff: Int64 = 1_000_000 + 180_000
        let removed = try await fixture.backend.downsample(olderThan: cutoff, intervalMs: 60_000, chunkRows: 7)
        let left = try await fixture.backend.positions(PositionQuery(devices: ["a"], limit: 100)).positions.map(\.fixTimeMs)
        let expectedOld = left.filter { $0 < cutoff }
        // Buckets of 60 s starting at multiples of 60 000: 960k (1 000 000..1 019 999 → first 1 000 000), 1 020 000, ...
        #expect(expectedOld == [1_000_000, 1_020_000, 1_080_000, 1_140_000])
        #expect(left.filter { $0 >= cutoff }.count == 12, "positions after the cutoff stay")
        #expect(removed == 2 * (18 - 4))
        #expect(try await fixture.backend.downsample(olderThan: cutoff, intervalMs: 60_000, chunkRows: 7) == 0)
        await fixture.close()
    }
}
