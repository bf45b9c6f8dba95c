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
            guard let url = URLComponents(string: trimmed), let host = url.host, !host.isEmpty else {
                throw DatabaseLocationError("--db '\(text)' is not a PostgreSQL URL like postgres://user:password@host:5432/trackwire")
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
        case .postgres(let url): Self.redacted(url)
        }
    }

    /// The URL without its password, for logs.
    private static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://***"
    }
}

/// A `--db` value that names no usable database.
public struct DatabaseLocationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
