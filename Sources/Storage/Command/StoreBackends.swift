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

    /// The PostgreSQL backend, its connection pool running until `close()` (`BackendCloser` calls
    /// it after the consumer's last commit).
    static func openPostgres(url: String, logger: Logger) async throws -> any StoreBackend {
        let backend = try PostgresBackend(url: url, logger: logger)
        backend.start()
        return backend
    }
}
