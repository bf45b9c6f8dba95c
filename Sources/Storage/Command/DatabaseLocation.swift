import Foundation

/// Which database `--db` names: `sqlite:./data/trackwire.db` or a plain path (SQLite), or
/// `postgres://user@host/db` (PostgreSQL).
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// The embedded default.
    public static let defaultSQLite = DatabaseLocation.sqlite(path: "./data/trackwire.db")

    /// Parses `--db`; throws `ConfigurationError`-style text through `DatabaseLocationError`.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            do {
                _ = try PostgresURL(trimmed)
            } catch {
                throw DatabaseLocationError("\(error)")
            }
            self = .postgres(url: trimmed)
            return
        }
        var path = trimmed
        if path.hasPrefix("sqlite://") { path.removeFirst("sqlite://".count) } else if path.hasPrefix("sqlite:") { path.removeFirst("sqlite:".count) }
        guard !path.isEmpty, !path.contains("://") else {
            throw DatabaseLocationError("--db '\(text)' must be a SQLite path (sqlite:./data/trackwire.db or a plain path) or postgres://...")
        }
        self = .sqlite(path: path)
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let url): PostgresURL.redacted(url)
        }
    }
}

/// A `--db` value that names no usable database.
public struct DatabaseLocationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
