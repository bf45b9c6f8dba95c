import Foundation
import Logging
import Testing
import TrackwireProtocol
import TrackwireRuntime
@testable import Storage

/// Commands that wait, on a real SQLite backend and a recording outlet.
@Suite struct CommandLedgerTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-ledger-\(UUID().uuidString.prefix(8))")

    func ledger(_ store: any StoreBackend, _ outlet: RecordingOutlet, _ counters: StageCounters) -> CommandLedger {
        CommandLedger(store: store, outlet: outlet, counters: counters, logger: Logger(label: "test"))
    }

    /// Runs `body` with a ledger over a fresh SQLite backend, a recording outlet and counters.
    func withLedger(_ body: (any StoreBackend, RecordingOutlet, StageCounters, CommandLedger) async throws -> Void) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await TestBackend.make(in: directory)
        let outlet = RecordingOutlet()
        let counters = StageCounters(stage: "storage")
        try await body(store, outlet, counters, ledger(store, outlet, counters))
    }

    func queued(_ id: String, createdMs: Int64, expiresMs: Int64 = 0) -> Command {
        .with { $0.id = id; $0.deviceID = "dev"; $0.type = "engine_stop"; $0.createdMs = createdMs; $0.status = "queued"; $0.expiresMs = expiresMs }
    }

    @Test func online_redeliversQueued_sentReport_thenReplyAcknowledgesTheOldestSent() async throws {
        try await withLedger { store, outlet, counters, ledger in
            try await store.saveCommand(queued("c1", createdMs: 1000))
            try await store.saveCommand(queued("c2", createdMs: 2000))
            try await store.saveCommand(queued("old", createdMs: 500, expiresMs: 900))

            await ledger.apply(WriteBatch(sessions: [.with { $0.deviceID = "dev"; $0.state = .online }]), nowMs: 3000)
            let published = outlet.messages.filter { $0.queue == nil && $0.topic == "cmd.dev" }
            #expect(try published.map { try Command(serializedBytes: $0.body).id } == ["c1", "c2"])
            #expect(try await store.command(id: "old")?.status == "expired")

            var batch = WriteBatch()
            batch.commandReports = [.with { $0.id = "c1"; $0.status = "sent"; $0.gatewayID = "gw1" },
                                    .with { $0.id = "c2"; $0.status = "sent"; $0.gatewayID = "gw1" },
                                    .with { $0.id = "nope"; $0.status = "sent" }]
            await ledger.apply(batch, nowMs: 3100)
            let sent = try #require(try await store.command(id: "c1"))
            #expect(sent.status == "sent" && sent.gatewayID == "gw1")

            let reply = Event.with { $0.deviceID = "dev"; $0.kind = .commandResult; $0.attributes = ["result": .string("OK!")] }
            await ledger.apply(WriteBatch(events: [reply]), nowMs: 3200)
            let c1 = try #require(try await store.command(id: "c1"))
            #expect(c1.status == "acknowledged" && c1.result == "OK!" && c1.updatedMs == 3200)
            #expect(try await store.command(id: "c2")?.status == "sent")

            // A second report for an acknowledged command is stale; counters say what happened.
            var again = WriteBatch()
            again.commandReports = [.with { $0.id = "c1"; $0.status = "sent" }]
            await ledger.apply(again, nowMs: 3300)
            #expect(try await store.command(id: "c1")?.status == "acknowledged")
            let totals = counters.snapshot()
            #expect(totals["commands.redelivered"] == 2 && totals["commands.sent"] == 2 && totals["commands.acknowledged"] == 1
                    && totals["commands.unknown_command"] == 1 && totals["commands.stale_report"] == 1 && totals["commands.expired"] == 1)
            // Each change became a command_status event, queued for storage and published.
            let events = try outlet.messages.filter { $0.queue == .store }.map { try Event(serializedBytes: $0.body) }
            #expect(events.map { $0.attributes["status"]?.stringValue } == ["expired", "sent", "sent", "acknowledged"])
            #expect(events.allSatisfy { $0.kind == .commandStatus })
        }
    }

    @Test func expireDue_recordsWaitingCommandsPastTheirExpiry_onceEach_andLeavesTheRest() async throws {
        try await withLedger { store, outlet, counters, ledger in
            try await store.saveCommand(queued("due", createdMs: 100, expiresMs: 1000))
            var sent = queued("sent-due", createdMs: 200, expiresMs: 1500)
            sent.status = "sent"
            try await store.saveCommand(sent)
            try await store.saveCommand(queued("later", createdMs: 300, expiresMs: 5000))
            try await store.saveCommand(queued("forever", createdMs: 400))
            var done = queued("done", createdMs: 500, expiresMs: 900)
            done.status = "acknowledged"
            try await store.saveCommand(done)

            #expect(try await ledger.expireDue(nowMs: 2000) == 2)
            #expect(try await store.command(id: "due")?.status == "expired")
            #expect(try await store.command(id: "sent-due")?.status == "expired")
            #expect(try await store.command(id: "later")?.status == "queued")
            #expect(try await store.command(id: "done")?.status == "acknowledged")
            #expect(try await ledger.expireDue(nowMs: 3000) == 0, "an expired command is not due again")
            let events = try outlet.messages.filter { $0.queue == .store }.map { try Event(serializedBytes: $0.body) }
            #expect(events.map(\.id) == ["due-expired", "sent-due-expired"])
            #expect(events.map(\.timeMs) == [1000, 1500], "timed at expires_ms, not at the check")
            #expect(try await ledger.expireDue(nowMs: 6000) == 1)
            #expect(counters.snapshot()["commands.expired"] == 3)
        }
    }

    @Test func current_readsAnUndeliveredCommandPastItsExpiryAsExpired() {
        let command = queued("c", createdMs: 0, expiresMs: 100)
        #expect(CommandLedger.current(command, nowMs: 99).status == "queued")
        #expect(CommandLedger.current(command, nowMs: 100).status == "expired")
        var done = command
        done.status = "acknowledged"
        #expect(CommandLedger.current(done, nowMs: 500).status == "acknowledged")
    }
}
