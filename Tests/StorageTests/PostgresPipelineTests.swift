import Foundation
import Testing
import TrackwireProtocol
import TrackwireTesting

/// Real tw-bus and two real tw-storage processes on one PostgreSQL database, sharing the store queue.
@Suite(.serialized) struct PostgresPipelineTests {
    @Test func twoStorageInstancesOnOneDatabase_shareTheQueue_storeEveryPositionExactlyOnce() async throws {
        let database = try await PostgresTestDatabase.make()
        // The pipeline's bus and store-in PUSH; the storage processes are this test's own.
        let pipeline = try await StoragePipeline()
        let ports = FreePorts.allocate(2)
        var instances: [ChildProcess] = []
        for (index, port) in ports.enumerated() {
            do {
                instances.append(try await ChildProcess.start("tw-storage", [
                    "--bus", pipeline.bus.address, "--db", database.url, "--http", "127.0.0.1:\(port)",
                    "--instance", "pg-\(index)-\(pipeline.base)", "--batch-age", "20ms", "--batch-size", "100",
                ], ready: [.logLine("store queue consumer up")]))
            } catch {
                Issue.record("tw-storage \(index): \(error)")
                for instance in instances { await instance.killAndWait() }
                await pipeline.close()
                return
            }
        }
        // The bus deals to both from the first message once it holds both connections.
        #expect(await pipeline.waitForStorageConnections(2), "the bus does not hold both storage connections")

        // 3000 positions of 30 devices over the last two days (several daily partitions), then a
        // third of them again, as retransmissions.
        let start = Int64(Date().timeIntervalSince1970 * 1000) - 2 * 86_400_000
        let positions = StorageSamples.positions(3000, devices: 30, startMs: start).map { position in
            var spread = position
            spread.fixTimeMs = start + (position.fixTimeMs - start) * 1700 // 100 fixes a second apart -> ~2 days
            return spread
        }
        try await pipeline.send(positions)
        try await pipeline.send(Array(positions.prefix(1000)))

        func total(_ kind: String, _ name: String) -> Int {
            ports.map { Int(PrometheusScrape(port: $0).sum("trackwire_\(name)_total", "kind=\"\(kind)\"")) }.reduce(0, +)
        }
        let settled = await eventually(timeout: .seconds(60)) {
            total("pos", "stored") == 3000 && total("pos", "duplicates") == 1000
        }
        #expect(settled, "stored \(total("pos", "stored")), duplicates \(total("pos", "duplicates"))")
        for port in ports {
            #expect(PrometheusScrape(port: port).sum("trackwire_stored_total", "kind=\"pos\"") > 0, "instance on \(port) stored some")
        }
        #expect(try await database.count("SELECT count(*) FROM positions") == 3000)
        #expect(try await database.count("SELECT count(DISTINCT (device_id, fix_time_ms)) FROM positions") == 3000)
        #expect(try await database.count("SELECT count(*) FROM pg_inherits WHERE inhparent = 'positions'::regclass") >= 4)

        for instance in instances { instance.signal(SIGTERM) }
        for instance in instances { #expect(await instance.waitForExit(timeout: .seconds(30)) == .exited(0)) }
        await pipeline.close()
    }
}
