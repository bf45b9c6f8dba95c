import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting

/// The real tw-bus and tw-storage: positions pushed onto the store queue land in SQLite.
@Suite(.serialized) struct StoragePipelineTests {
    @Test func publishedPositions_landWithIdenticalValues() async throws {
        let pipeline = try await StoragePipeline()
        try await pipeline.startStorage()
        let sent = StorageSamples.positions(250)
        try await pipeline.send(sent)
        #expect(try await eventually { try pipeline.count("positions") == sent.count })
        let expected = sent.sorted { ($0.fixTimeMs, $0.deviceID) < ($1.fixTimeMs, $1.deviceID) }
        #expect(try pipeline.storedPositions() == expected)
        #expect(try pipeline.count("devices") == 5)
        await pipeline.close()
    }

    @Test func samePositionsSentTwice_leaveOneRowEach() async throws {
        let pipeline = try await StoragePipeline()
        try await pipeline.startStorage()
        let sent = StorageSamples.positions(100)
        try await pipeline.send(sent)
        try await pipeline.send(sent)
        // The queue is FIFO end to end: once the marker is stored, both copies were processed.
        let marker = StorageSamples.position(device: "marker", fixTimeMs: 1)
        try await pipeline.send([marker])
        #expect(try await eventually { try pipeline.count("positions", where: "device_id = 'marker'") == 1 })
        #expect(try pipeline.count("positions") == sent.count + 1)
        await pipeline.close()
    }

    @Test func storageKilledWithSIGKILL_resumesConsumingAfterRestart() async throws {
        let pipeline = try await StoragePipeline()
        let first = try await pipeline.startStorage()
        let batches = (0..<3).map { StorageSamples.positions(100, startMs: 1_700_000_000_000 + Int64($0) * 10_000_000, prefix: "k\($0)-") }
        try await pipeline.send(batches[0])
        #expect(try await eventually { try pipeline.count("positions") == 100 })
        first.signal(SIGKILL)
        #expect(await first.waitForExit() == .signalled(SIGKILL))
        // Until the bus has closed its side of the dead connection it would still deal to it.
        #expect(await pipeline.waitForStorageConnections(0), "the bus never let go of the killed storage")
        try await pipeline.send(batches[1])
        try await pipeline.startStorage()
        try await pipeline.send(batches[2])
        #expect(try await eventually { try pipeline.count("positions") == 300 }, "stored \(pipeline.describe("positions")) of 300")
        await pipeline.close()
    }

    @Test func sigtermMidStream_commitsEverythingItPulledAndLosesNothing() async throws {
        let pipeline = try await StoragePipeline()
        let storage = try await pipeline.startStorage()
        let sent = StorageSamples.positions(20_000, devices: 50)
        let sender = Task { try await pipeline.send(sent) }
        #expect(try await eventually { try pipeline.count("positions") > 0 })
        storage.signal(SIGTERM)
        let storedAtStop = try pipeline.count("positions")
        #expect(storedAtStop < sent.count, "the stop must come while positions are still arriving")
        #expect(await storage.waitForExit(timeout: .seconds(60)) == .exited(0))
        let stopLine = try #require(storage.lines(.stderr).first { $0.contains("every message taken is committed") })
        let pulled = try #require(Int(stopLine.split(separator: "pulled=").last?.prefix { $0.isNumber } ?? ""))
        #expect(try pipeline.count("positions") == pulled, "every message taken from the queue was committed before exit")
        try await pipeline.startStorage()
        try await sender.value
        #expect(try await eventually { try pipeline.count("positions") == sent.count }, "stored \(pipeline.describe("positions")) of \(sent.count)")
        await pipeline.close()
    }

    @Test func retention_removesOldRowsOnScheduleWhileIngestContinues() async throws {
        let pipeline = try await StoragePipeline(storageArguments: ["--retention", "20s", "--retention-check", "200ms"])
        let storage = try await pipeline.startStorage()
        let nowMs = Int64(Date().timeIntervalSince1970 * 1000)
        let old = StorageSamples.positions(500, startMs: nowMs - 3_600_000, prefix: "old")
        try await pipeline.send(old)
        var fresh = 0
        let gone = try await eventually {
            fresh += 1
            let position = StorageSamples.position(device: "fresh", fixTimeMs: Int64(Date().timeIntervalSince1970 * 1000))
            try await pipeline.send([position])
            return try pipeline.count("positions", where: "device_id LIKE 'old%'") == 0 && pipeline.count("positions", where: "device_id = 'fresh'") > 3
        }
        #expect(gone, "old rows still there: \(pipeline.describe("positions", where: "device_id LIKE 'old%'"))")
        // They were stored and then removed by retention, not lost on the way in.
        let removed = storage.lines(.stderr).filter { $0.contains("retention removed rows") }.compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("retention=") }.flatMap { Int($0.dropFirst("retention=".count)) }
        }
        #expect(removed.reduce(0, +) == old.count, "retention logged \(removed)")
        let marker = StorageSamples.position(device: "marker", fixTimeMs: Int64(Date().timeIntervalSince1970 * 1000))
        try await pipeline.send([marker])
        #expect(try await eventually { try pipeline.count("positions", where: "device_id = 'marker'") == 1 })
        #expect(try pipeline.count("positions", where: "device_id = 'fresh'") > 3, "fresh positions (\(fresh) sent) are kept")
        await pipeline.close()
    }

    @Test func secondStorageOnTheSameFile_exitsWithAClearError() async throws {
        let pipeline = try await StoragePipeline()
        try await pipeline.startStorage()
        let second = try ChildProcess(trackwire: "tw-storage", [
            "--bus", "127.0.0.1:\(pipeline.base)", "--db", pipeline.databasePath, "--http", "off",
        ])
        let exit = await second.waitForExit(timeout: .seconds(30))
        #expect(exit != nil && exit != .exited(0))
        #expect(second.stderr.contains("already writing"))
        await pipeline.close()
    }
}

/// tw-storage against a database that refuses commits, and what it publishes after committing.
@Suite(.serialized) struct StorageDeliveryTests {
    @Test func whileCommitsFail_stopsPullingReportsUnhealthyAndStoresEverythingOnceTheyWork() async throws {
        let pipeline = try await StoragePipeline(storageArguments: ["--batch-size", "10", "--batch-max", "10", "--rcvhwm", "1"], http: true)
        let storage = try await pipeline.startStorage()
        // A real SQLite error on every insert, from a connection of the test's own.
        try pipeline.execute("CREATE TRIGGER refuse BEFORE INSERT ON positions BEGIN SELECT RAISE(ABORT, 'refused by the test'); END")
        let sent = StorageSamples.positions(200)
        let sender = Task { try await pipeline.send(sent) }
        #expect(await storage.waitForLine(.stderr, timeout: .seconds(30)) { $0.contains("commit failed") } != nil)
        #expect(try await pipeline.get("/healthz").status == 503)
        let pulledWhileFailing = try await pipeline.metric("received")
        // The marker: two more failed commits, retried with back-off, while messages wait in the queue.
        let failures = try await pipeline.metric("commit_failures")
        #expect(try await eventually { try await pipeline.metric("commit_failures") >= failures + 2 })
        #expect(try await pipeline.metric("received") == pulledWhileFailing, "no message is taken while the batch in flight cannot commit and the next is full")
        // The failing batch, and the next one gathered while it is retried: at most two in hand.
        #expect(pulledWhileFailing <= 20 && pulledWhileFailing > 0)
        #expect(try await pipeline.metric("commit_failures") >= 1)
        try pipeline.execute("DROP TRIGGER refuse")
        try await sender.value
        #expect(try await eventually { try pipeline.count("positions") == sent.count }, "stored \(pipeline.describe("positions"))")
        #expect(try await pipeline.get("/healthz").status == 200)
        #expect(try await pipeline.metric("stored", labels: "kind=\"pos\"") == sent.count)
        await pipeline.close()
    }

    @Test func afterACommit_confirmsEveryRequestedFrame_onceItsRecordsAreStored() async throws {
        let pipeline = try await StoragePipeline()
        try await pipeline.startStorage()
        let acks = try pipeline.subscribe("ack.gw-ack")
        // Pub/sub has no memory: keep committing newer frames until the ack of the newest one arrives
        // (once the subscription has reached the publisher, every commit's ack does).
        var sequence: UInt64 = 0
        var confirmed: [FrameRef] = []
        let arrived = try await eventually {
            sequence += 1
            let position = StorageSamples.position(device: "acked", fixTimeMs: Int64(sequence), sequence: sequence, session: 42, gateway: "gw-ack")
            let request = Ack.with {
                $0.gatewayID = "gw-ack"
                $0.sessionID = 42
                $0.sequence = sequence
                $0.deviceID = "acked"
                $0.positions = 1
            }
            try await pipeline.send(units: [[Envelope(topic: Topic.position(device: "acked"), message: position),
                                             Envelope(topic: Topic.ack(gateway: "gw-ack"), message: request)]])
            let messages = try await pipeline.receive(from: acks, timeoutMs: 300).map { try Ack(serializedBytes: $0.body) }
            #expect(messages.allSatisfy { $0.gatewayID == "gw-ack" })
            confirmed += messages.flatMap(\.frames)
            return confirmed.last?.sequence == sequence
        }
        #expect(arrived, "confirmed: \(confirmed.map(\.sequence)), last sent \(sequence)")
        #expect(confirmed.allSatisfy { $0.sessionID == 42 })
        // A confirmation follows the commit: every confirmed frame's position is in the database.
        #expect(try pipeline.count("positions") >= confirmed.count)
        await pipeline.close()
    }
}
