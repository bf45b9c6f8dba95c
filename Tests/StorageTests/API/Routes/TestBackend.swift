import Foundation
@testable import Storage

/// The real backend the route tests run on: SQLite in a temporary directory.
enum TestBackend {
    static func make(in directory: URL) async throws -> any StoreBackend {
        let backend = try SQLiteBackend(path: directory.appendingPathComponent("trackwire.db").path)
        try await backend.migrate()
        return backend
    }
}
