import Foundation
import Storage
import Testing
import TrackwireProtocol

/// `PostgresBackend` against a real server (one per test process, a database per test).
@Suite(.serialized) struct PostgresBackendTests {
    @Test func write_sameBatchTwice_storesEachPositionOnceWithIdenticalValues() async throws {
        let database = try await PostgresTestDatabase.make()
        let now = StoreFixtures.nowMs
        let positions = (0..<20).map { StoreFixtures.position("dev-\($0 % 3)", now - Int64($0) * 1000) }
        let batch = WriteBatch(positions: positions + [positions[4]])

        let (first, second, stored) = try await database.withBackend { backend in
            (try await backend.write(batch), try await backend.write(batch), try await backend.positions(PositionQuery(limit: 100)))
        }

        #expect(first.positionsStored == 20)
        #expect(first.positionsDuplicate == 1)
        #expect(second.positionsStored == 0)
        #expect(second.positionsDuplicate == 21)
        #expect(try await database.count("SELECT count(*) FROM positions") == 20)
        let expected = positions.sorted { ($0.fixTimeMs, $0.deviceID) < ($1.fixTimeMs, $1.deviceID) }
        #expect(stored.positions == expected)
    }

    @Test func write_eventsSessionsAndRejects_eventsIdempotentOnID() async throws {
        let database = try await PostgresTestDatabase.make()
        let now = StoreFixtures.nowMs
        let batch = WriteBatch(
            events: [StoreFixtures.event("e1", "dev-1", .geofenceEnter, now), StoreFixtures.event("e2", "dev-1", .alarm, now + 1)],
            sessions: [StoreFixtures.session("dev-1", .online, timeMs: now)],
            rejects: [StoreFixtures.reject("bad crc", timeMs: now)]
        )
        let (first, second) = try await database.withBackend { backend in
            (try await backend.write(batch), try await backend.write(batch))
        }
        #expect(first.eventsStored == 2 && first.eventsDuplicate == 0)
        #expect(first.sessionsStored == 1 && first.deadLettersStored == 1)
        #expect(second.eventsStored == 0 && second.eventsDuplicate == 2)
        #expect(second.sessionsStored == 0)
        #expect(try await database.count("SELECT count(*) FROM events") == 2)
        // Rejects are not deduplicated: each one that arrives is a dead letter.
        #expect(try await database.count("SELECT count(*) FROM dead_letters") == 2)
    }

    @Test func devices_trackFirstAndLastSeenProtocolNewestFixAndSessionState() async throws {
        let database = try await PostgresTestDatabase.make()
        let base = StoreFixtures.nowMs - 60_000
        let newer = StoreFixtures.position("dev-1", base + 20_000, latitude: 1)
        let older = StoreFixtures.position("dev-1", base, latitude: 2, protocolName: "h02")
        let devices = try await database.withBackend { backend in
            _ = try await backend.write(WriteBatch(positions: [newer], sessions: [StoreFixtures.session("dev-1", .online, timeMs: base + 5_000)]))
            // An older, late batch must not move last seen back or replace the newest position.
            _ = try await backend.write(WriteBatch(positions: [older], sessions: [StoreFixtures.session("dev-1", .offline, timeMs: base, id: 0)]))
            _ = try await backend.write(WriteBatch(positions: [StoreFixtures.position("dev-2", base)]))
            return (try await backend.devices(), try await backend.device(id: "dev-1"), try await backend.device(id: "nobody"))
        }
        #expect(devices.0.map(\.id) == ["dev-1", "dev-2"])
        let device = try #require(devices.1)
        #expect(device.firstSeenMs == base)
        #expect(device.lastSeenMs == base + 20_000)
        #expect(device.protocolName == "gt06")
        #expect(device.lastPosition == newer)
        #expect(device.online == true)
        #expect(devices.0[1].online == nil)
        #expect(devices.2 == nil)
    }

    @Test func positions_pagesWithCursor_filteredByDeviceAndTime() async throws {
        let database = try await PostgresTestDatabase.make()
        let base = StoreFixtures.nowMs - 3_600_000
        // Two devices sharing fix times, so the cursor must break ties by device.
        let all = (0..<25).flatMap { step in ["a", "b"].map { StoreFixtures.position($0, base + Int64(step) * 1000) } }
        let (pages, filtered, latest) = try await database.withBackend { backend in
            _ = try await backend.write(WriteBatch(positions: all.shuffled()))
            var pages: [[Position]] = []
            var query = PositionQuery(limit: 7)
            while true {
                let page = try await backend.positions(query)
                pages.append(page.positions)
                guard let next = page.next else { break }
                query.after = next
            }
            let filtered = try await backend.positions(PositionQuery(devices: ["b"], fromMs: base + 5000, toMs: base + 8000))
            return (pages, filtered.positions, try await backend.latestPositions(devices: ["b", "zz"]))
        }
        #expect(pages.count == 8)
        #expect(pages.dropLast().allSatisfy { $0.count == 7 })
        #expect(pages.flatMap { $0 } == all.sorted { ($0.fixTimeMs, $0.deviceID) < ($1.fixTimeMs, $1.deviceID) })
        #expect(filtered.map(\.fixTimeMs) == [base + 5000, base + 6000, base + 7000])
        #expect(filtered.allSatisfy { $0.deviceID == "b" })
        #expect(latest == [StoreFixtures.position("b", base + 24_000)])
    }

    @Test func events_filteredByDeviceKindAndTime_inTimeOrder() async throws {
        let database = try await PostgresTestDatabase.make()
        let base = StoreFixtures.nowMs
        let events = [
            StoreFixtures.event("e3", "dev-1", .alarm, base + 2),
            StoreFixtures.event("e1", "dev-1", .geofenceEnter, base),
            StoreFixtures.event("e2", "dev-2", .geofenceEnter, base + 1),
            StoreFixtures.event("e4", "dev-1", .geofenceEnter, base + 10),
        ]
        let (all, enters, window) = try await database.withBackend { backend in
            _ = try await backend.write(WriteBatch(events: events))
            return (
                try await backend.events(EventQuery()),
                try await backend.events(EventQuery(devices: ["dev-1"], kinds: [.geofenceEnter])),
                try await backend.events(EventQuery(fromMs: base + 1, toMs: base + 10))
            )
        }
        #expect(all.map(\.id) == ["e1", "e2", "e3", "e4"])
        #expect(all[0] == events[1])
        #expect(enters.map(\.id) == ["e1", "e4"])
        #expect(window.map(\.id) == ["e2", "e3"])
    }

    @Test func deadLetters_newestFirst_pagedByID() async throws {
        let database = try await PostgresTestDatabase.make()
        let rejects = (0..<5).map { StoreFixtures.reject("reason \($0)", timeMs: StoreFixtures.nowMs + Int64($0)) }
        let (firstPage, secondPage, one, missing) = try await database.withBackend { backend in
            _ = try await backend.write(WriteBatch(rejects: rejects))
            let firstPage = try await backend.deadLetters(limit: 3, before: nil)
            let secondPage = try await backend.deadLetters(limit: 3, before: firstPage.last?.id)
            return (firstPage, secondPage, try await backend.deadLetter(id: firstPage[0].id), try await backend.deadLetter(id: -1))
        }
        #expect(firstPage.map(\.reject.reason) == ["reason 4", "reason 3", "reason 2"])
        #expect(secondPage.map(\.reject.reason) == ["reason 1", "reason 0"])
        #expect(one == firstPage[0])
        #expect(one?.reject == rejects[4])
        #expect(missing == nil)
    }

    @Test func geofencesAndCommands_saveReplaceListDelete() async throws {
        let database = try await PostgresTestDatabase.make()
        var depot = Geofence()
        depot.id = "depot"
        depot.name = "Depot"
        depot.geojson = #"{"type":"Feature","id":"depot","geometry":{"type":"Point","coordinates":[13.4,52.5]},"properties":{"radius_m":200}}"#
        depot.detect = ["enter", "exit"]
        depot.updatedMs = 1
        var yard = depot
        yard.id = "yard"
        var renamed = depot
        renamed.name = "Main depot"
        renamed.updatedMs = 2
        func command(_ id: String, _ device: String, _ created: Int64) -> Command {
            var command = Command()
            command.id = id
            command.deviceID = device
            command.type = "engineStop"
            command.params = ["reason": "test"]
            command.createdMs = created
            return command
        }
        let result = try await database.withBackend { backend in
            try await backend.saveGeofence(yard)
            try await backend.saveGeofence(depot)
            try await backend.saveGeofence(renamed)
            let listed = try await backend.geofences()
            let deleted = try await backend.deleteGeofence(id: "yard")
            let deletedAgain = try await backend.deleteGeofence(id: "yard")
            for item in [command("c1", "dev-1", 10), command("c2", "dev-2", 20), command("c3", "dev-1", 30)] {
                try await backend.saveCommand(item)
            }
            return (listed, deleted, deletedAgain, try await backend.geofence(id: "depot"), try await backend.geofence(id: "yard"),
                    try await backend.commands(device: "dev-1", limit: 10), try await backend.commands(device: nil, limit: 2),
                    try await backend.command(id: "c2"), try await backend.command(id: "nope"))
        }
        #expect(result.0 == [renamed, yard])
        #expect(result.1 == true && result.2 == false)
        #expect(result.3 == renamed && result.4 == nil)
        #expect(result.5.map(\.id) == ["c3", "c1"])
        #expect(result.5.first?.params == ["reason": "test"])
        #expect(result.6.map(\.id) == ["c3", "c2"])
        #expect(result.7?.deviceID == "dev-2" && result.8 == nil)
    }

    @Test func commandsExpiring_findsQueuedAndSentCommandsPastTheirExpiry_soonestFirst() async throws {
        let database = try await PostgresTestDatabase.make()
        func command(_ id: String, status: String, expiresMs: Int64) -> Command {
            .with { $0.id = id; $0.deviceID = "dev"; $0.createdMs = 1; $0.status = status; $0.expiresMs = expiresMs }
        }
        let due = try await database.withBackend { backend in
            for item in [command("late", status: "sent", expiresMs: 1500), command("early", status: "queued", expiresMs: 1000),
                         command("done", status: "acknowledged", expiresMs: 900), command("later", status: "queued", expiresMs: 9000),
                         command("never", status: "queued", expiresMs: 0)] {
                try await backend.saveCommand(item)
            }
            let before = try await backend.commandsExpiring(by: 2000, limit: 10).map(\.id)
            try await backend.saveCommand(command("early", status: "expired", expiresMs: 1000))
            return (before, try await backend.commandsExpiring(by: 2000, limit: 10).map(\.id))
        }
        #expect(due.0 == ["early", "late"])
        #expect(due.1 == ["late"], "an expired command is no longer waiting")
    }

    @Test func migrate_twoInstancesAtOnce_applyEachMigrationOnce() async throws {
        let database = try await PostgresTestDatabase.make()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask { try await database.withBackend { _ in } }
            }
            try await group.waitForAll()
        }
        #expect(try await database.count("SELECT count(*) FROM schema_migrations") == 3)
        #expect(try await database.count("SELECT count(*) FROM schema_migrations WHERE version = 1") == 1)
        // And a restart on the migrated database changes nothing.
        try await database.withBackend { _ in }
        #expect(try await database.count("SELECT count(*) FROM schema_migrations") == 3)
    }

    @Test func write_recordsSharingAFixTime_areAllKept_resendsAreNot_andPagesKeepThemApart() async throws {
        let database = try await PostgresTestDatabase.make()
        let time = StoreFixtures.nowMs
        let periodic = StoreFixtures.position("dev", time)
        var alarm = periodic
        alarm.attributes["alarm"] = .string("sos")
        var resent = periodic
        resent.frame.sequence += 10
        resent.serverTimeNs += 1_000_000_000
        let (first, second, pages) = try await database.withBackend { backend in
            let first = try await backend.write(WriteBatch(positions: [periodic, alarm]))
            let second = try await backend.write(WriteBatch(positions: [resent]))
            let page1 = try await backend.positions(PositionQuery(limit: 1))
            let page2 = try await backend.positions(PositionQuery(limit: 1, after: page1.next))
            return (first, second, page1.positions + page2.positions)
        }
        #expect(first.positionsStored == 2 && second.positionsDuplicate == 1)
        #expect(Set(pages.map(\.fingerprint)) == [periodic.fingerprint, alarm.fingerprint], "the cursor steps between the two")
    }
}
