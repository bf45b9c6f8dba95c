import Foundation
import Storage
import Testing
import TrackwireProtocol

/// Several storage instances on one database: every position stored exactly once, devices merged.
@Suite(.serialized) struct PostgresConcurrentWritersTests {
    @Test func twoBackends_writingOverlappingBatchesAtOnce_storeEveryPositionExactlyOnce() async throws {
        let database = try await PostgresTestDatabase.make()
        let now = StoreFixtures.nowMs
        // 40 devices x 100 fixes spread over three days (so partitions get created concurrently too).
        let all = (0..<4000).map { index in
            StoreFixtures.position("dev-\(index % 40)", now - Int64(index / 40) * 2_600_000)
        }
        // A gets the first three quarters, B the last three quarters: half of everything twice.
        let shares = [Array(all[0..<3000]).shuffled(), Array(all[1000..<4000]).shuffled()]
        let stored = try await withThrowingTaskGroup(of: Int.self) { group in
            for share in shares {
                group.addTask {
                    try await database.withBackend { backend in
                        var stored = 0
                        for start in stride(from: 0, to: share.count, by: 150) {
                            let batch = Array(share[start..<min(start + 150, share.count)])
                            stored += try await backend.write(WriteBatch(positions: batch)).positionsStored
                        }
                        return stored
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(stored == 4000)
        #expect(try await database.count("SELECT count(*) FROM positions") == 4000)
        #expect(try await database.count("SELECT count(DISTINCT (device_id, fix_time_ms)) FROM positions") == 4000)

        let devices = try await database.withBackend { try await $0.devices() }
        #expect(devices.count == 40)
        for device in devices {
            let own = all.filter { $0.deviceID == device.id }
            #expect(device.lastPosition == own.max { $0.fixTimeMs < $1.fixTimeMs })
            #expect(device.firstSeenMs == own.map(\.fixTimeMs).min())
            #expect(device.lastSeenMs == own.map(\.fixTimeMs).max())
        }
    }
}
