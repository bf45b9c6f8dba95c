import Logging
import TrackwireRuntime

/// Opens the backend `--db` selects, migrated and ready to write.
public enum StoreBackends {
    /// The backend for `location`, with its schema at the current version.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> any StoreBackend {
        let backend: any StoreBackend
        switch location {
        case .sqlite(let path):
            backend = try SQLiteBackend(path: path)
        case .postgres(let url):
            backend = try await openPostgres(url: url, logger: logger)
        }
        do {
            try await backend.migrate()
        } catch {
            try? await backend.close()
            throw error
        }
        logger.info("database ready", metadata: ["db": "\(location)"])
        return backend
    }

    /// The PostgreSQL backend. HOOK for the storage-pg branch: replace the body with
    /// `try await PostgresBackend(url: url, logger: logger)` (whatever its initialiser is).
    static func openPostgres(url: String, logger: Logger) async throws -> any StoreBackend {
        throw ConfigurationError("--db postgres://... : this tw-storage was built without the PostgreSQL backend; use a SQLite path")
    }
}
