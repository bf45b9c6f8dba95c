import Foundation
@testable import Push
import Testing

@Suite struct OutboxTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)/outbox.sqlite").path
    }

    @Test func rows_survive_reopening_inOrder_untilRemoved() async throws {
        let path = temporaryPath()
        do {
            let outbox = try Outbox(path: path, limit: 100)
            _ = try outbox.append(["w": [[1], [2], [3]]])
            let first = try await outbox.oldest("w", count: 1)
            try await outbox.remove(first[0].id, of: "w")
        }
        let reopened = try Outbox(path: path, limit: 100)
        #expect(reopened.depth("w") == 2)
        #expect(try await reopened.oldest("w", count: 10).map(\.body) == [[2], [3]])
    }

    @Test func append_beyondTheLimit_dropsTheOldest() async throws {
        let outbox = try Outbox(path: temporaryPath(), limit: 2)
        let dropped = try outbox.append(["w": [[1], [2], [3]], "v": [[9]]])
        #expect(dropped["w"] == 1)
        #expect(try await outbox.oldest("w", count: 10).map(\.body) == [[2], [3]])
        #expect(outbox.depth("v") == 1)
    }
}
