import Foundation
import PostgresNIO
import TrackwireRuntime

/// A `postgres://user:password@host:port/database` URL turned into a `PostgresClient`
/// configuration. Query options: `sslmode=disable|prefer|require` (default `prefer`, as libpq) and
/// `host=/path/to/socket/dir` to connect over a Unix socket instead of TCP.
struct PostgresURL: Equatable {
    var host: String
    var port: Int
    var username: String
    var password: String?
    var database: String
    var sslMode: SSLMode
    /// The socket directory when `host=` names one; the socket is `<dir>/.s.PGSQL.<port>`.
    var socketDirectory: String?

    enum SSLMode: String { case disable, prefer, require }

    /// Parses `text`; throws a one-line `ConfigurationError` naming what is wrong.
    init(_ text: String) throws {
        func bad(_ why: String) -> ConfigurationError {
            ConfigurationError("--db \(Self.redacted(text)): \(why) (expected postgres://user:password@host:port/database)")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw bad("not a URL")
        }
        guard scheme == "postgres" || scheme == "postgresql" else { throw bad("scheme must be postgres://") }
        guard let user = components.user, !user.isEmpty else { throw bad("no user name") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard !path.isEmpty, !path.contains("/") else { throw bad("no database name") }
        username = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 }
        database = path.removingPercentEncoding ?? path
        port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw bad("port out of range") }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        sslMode = .prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw bad("sslmode must be disable, prefer or require")
                }
                sslMode = mode
            case "host":
                guard let directory = item.value, directory.hasPrefix("/") else { throw bad("host= must be an absolute socket directory") }
                socketDirectory = directory
            default:
                throw bad("unknown option \(item.name)")
            }
        }
    }

    /// The client configuration this URL describes.
    var configuration: PostgresClient.Configuration {
        if let socketDirectory {
            return PostgresClient.Configuration(
                unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username, password: password, database: database
            )
        }
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
    }

    /// `text` with any password replaced by `***`, for messages and logs.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"),
              let at = text[scheme.upperBound...].firstIndex(of: "@"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return text.replacingCharacters(in: text.index(after: colon)..<at, with: "***")
    }
}
