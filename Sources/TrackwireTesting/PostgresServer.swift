import Foundation

/// A PostgreSQL server of its own: a fresh cluster (`initdb`) in a temporary directory, started on
/// a given TCP port (or only on a Unix socket in that directory), trust authentication, no fsync.
/// As root, `initdb` and `postgres` run as the `postgres` system user, since both refuse root.
/// `stop()` (or process exit) shuts it down and deletes the directory.
public final class PostgresServer: @unchecked Sendable {
    /// The superuser `initdb` created.
    public let user = "postgres"
    /// The TCP port, or `nil` when the server listens on its Unix socket only.
    public let port: Int?
    /// The temporary directory: the cluster in `data/`, the socket, the server log.
    public let directory: URL
    private let binaries: URL
    private let server: ChildProcess
    private let stopped = NSLock()
    private var isStopped = false

    /// Starts a server; throws `PostgresServerError` saying what is missing or what failed.
    public static func start(port: Int? = nil) async throws -> PostgresServer {
        let binaries = try locateBinaries()
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("tw-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        do {
            let owner = try serverAccount()
            if let owner { try handOver(directory, to: owner) }
            let data = directory.appendingPathComponent("data").path
            let initdb = ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]
            try await runToCompletion(binaries.appendingPathComponent("initdb"), initdb, as: owner)
            let server = try launch(binaries.appendingPathComponent("postgres"), serverArguments(data: data, directory: directory, port: port),
                                    as: owner, log: directory.appendingPathComponent("postgres.log"))
            let instance = PostgresServer(port: port, directory: directory, binaries: binaries, server: server)
            Self.running.withLock { $0.append(instance) }
            try await instance.waitUntilReady()
            return instance
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    private init(port: Int?, directory: URL, binaries: URL, server: ChildProcess) {
        self.port = port
        self.directory = directory
        self.binaries = binaries
        self.server = server
    }

    deinit { stop() }

    /// A `postgres://` URL for `database` (over TCP when there is a port, else over the socket).
    public func url(database: String) -> String {
        if let port { return "postgres://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable" }
        return "postgres://\(user)@localhost:5432/\(database)?host=\(directory.path)"
    }

    /// Creates a new empty database (named `name`, or a fresh unique name) and returns its name;
    /// `url(database:)` gives the URL to connect.
    public func createDatabase(_ name: String? = nil) async throws -> String {
        let database = name ?? "tw_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try await Self.runToCompletion(binaries.appendingPathComponent("createdb"), connectionArguments + [database], as: nil)
        return database
    }

    /// Runs `psql -c sql` against `database` and returns its unaligned, tuples-only output.
    public func psql(_ sql: String, database: String) async throws -> String {
        let arguments = connectionArguments + ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql]
        let output = try await Self.runToCompletion(binaries.appendingPathComponent("psql"), arguments, as: nil)
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Shuts the server down (fast shutdown, then SIGKILL after 15 s) and deletes its directory.
    public func stop() {
        let first = stopped.withLock { () -> Bool in
            defer { isStopped = true }
            return !isStopped
        }
        guard first else { return }
        server.stop(signal: SIGINT, patience: .seconds(15))
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: Starting

    private var connectionArguments: [String] {
        ["-h", directory.path, "-p", "\(port ?? 5432)", "-U", user]
    }

    private static func serverArguments(data: String, directory: URL, port: Int?) -> [String] {
        var arguments = ["-D", data, "-k", directory.path, "-p", "\(port ?? 5432)"]
        let settings = [
            "listen_addresses": port == nil ? "" : "127.0.0.1",
            // A test server loses nothing that matters when it crashes; durability costs time.
            "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
            "max_connections": "200", "shared_buffers": "128MB", "max_wal_size": "1GB",
        ]
        for (key, value) in settings.sorted(by: { $0.key < $1.key }) { arguments += ["-c", "\(key)=\(value)"] }
        return arguments
    }

    private func waitUntilReady() async throws {
        let socket = directory.appendingPathComponent(".s.PGSQL.\(port ?? 5432)").path
        let ready = await eventually(timeout: .seconds(60), every: .milliseconds(100)) {
            guard server.isRunning else { return true }
            guard FileManager.default.fileExists(atPath: socket) else { return false }
            return (try? await isReady()) != nil
        }
        let log = server.tail(5).split(separator: "\n").joined(separator: " | ")
        guard server.isRunning else { throw PostgresServerError("postgres exited during start-up: \(log)") }
        guard ready else { throw PostgresServerError("postgres did not accept connections within 60 s: \(log)") }
    }

    private func isReady() async throws {
        try await Self.runToCompletion(binaries.appendingPathComponent("pg_isready"), connectionArguments + ["-d", "postgres"], as: nil)
    }

    /// The directory holding `initdb` and `postgres`: from PATH (symbolic links resolved, since
    /// Debian links only some tools into /usr/bin), else the newest /usr/lib/postgresql/*/bin.
    static func locateBinaries() throws -> URL {
        let tools = ["initdb", "postgres", "createdb", "psql", "pg_isready"]
        func complete(_ directory: URL) -> Bool {
            tools.allSatisfy { FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent($0).path) }
        }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for entry in path.split(separator: ":") {
            let initdb = URL(fileURLWithPath: String(entry)).appendingPathComponent("initdb")
            guard FileManager.default.isExecutableFile(atPath: initdb.path) else { continue }
            let directory = initdb.resolvingSymlinksInPath().deletingLastPathComponent()
            if complete(directory) { return directory }
        }
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let directory = root.appendingPathComponent(version).appendingPathComponent("bin")
            if complete(directory) { return directory }
        }
        throw PostgresServerError(
            "PostgreSQL server binaries (\(tools.joined(separator: ", "))) not found in PATH or /usr/lib/postgresql/*/bin; "
                + "install the postgresql package (scripts/install-deps.sh does)"
        )
    }

    // MARK: Running as the postgres user

    /// Who runs the server: `nil` (ourselves) unless we are root, then the `postgres` account.
    private static func serverAccount() throws -> (uid: uid_t, gid: gid_t)? {
        guard geteuid() == 0 else { return nil }
        guard let entry = getpwnam("postgres") else {
            throw PostgresServerError("running as root, but there is no postgres system user to run initdb and postgres as")
        }
        return (entry.pointee.pw_uid, entry.pointee.pw_gid)
    }

    private static func handOver(_ directory: URL, to owner: (uid: uid_t, gid: gid_t)) throws {
        guard chown(directory.path, owner.uid, owner.gid) == 0 else {
            throw PostgresServerError("cannot hand \(directory.path) to the postgres user: errno \(errno)")
        }
    }

    /// Starts `tool`, as `owner` through `setpriv` (which execs, so the pid is the tool's own),
    /// its output captured (and kept in `log` if given), in the C locale: the server would inherit
    /// ours otherwise (initdb --locale=C makes the cluster's own).
    private static func launch(_ tool: URL, _ arguments: [String], as owner: (uid: uid_t, gid: gid_t)?, log: URL? = nil) throws -> ChildProcess {
        guard let owner else { return try ChildProcess(tool, arguments, environment: ["LC_ALL": "C"], log: log) }
        let asOwner = ["--reuid=\(owner.uid)", "--regid=\(owner.gid)", "--init-groups", "--", tool.path] + arguments
        return try ChildProcess(URL(fileURLWithPath: "/usr/bin/setpriv"), asOwner, environment: ["LC_ALL": "C"], label: tool.lastPathComponent, log: log)
    }

    /// Runs `tool` to completion without blocking a thread and returns its output; throws with
    /// that output when it fails.
    @discardableResult
    private static func runToCompletion(_ tool: URL, _ arguments: [String], as owner: (uid: uid_t, gid: gid_t)?) async throws -> String {
        let process = try launch(tool, arguments, as: owner)
        guard let exit = await process.waitForExit(timeout: .seconds(120)) else {
            await process.killAndWait()
            throw PostgresServerError("\(tool.lastPathComponent) did not finish within 120 s")
        }
        let output = process.stdout + process.stderr
        guard exit == .exited(0) else {
            throw PostgresServerError("\(tool.lastPathComponent) failed (\(exit)): \(output.suffix(600))")
        }
        return output
    }

    // MARK: Clean-up

    /// Servers to stop when the process exits (a shared server has no other owner who could).
    private static let running = LockedServers()
}

/// Why a `PostgresServer` could not be started or used.
public struct PostgresServerError: Error, CustomStringConvertible {
    /// What is missing or what failed, with the tool's output.
    public let description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}

/// The servers still running, stopped by an `atexit` handler registered on first use.
private final class LockedServers: @unchecked Sendable {
    private let lock = NSLock()
    private var servers: [PostgresServer] = []
    private var registered = false

    func withLock(_ body: (inout [PostgresServer]) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&servers)
        if !registered {
            registered = true
            atexit { PostgresServer.stopAllAtExit() }
        }
    }

    func drain() -> [PostgresServer] {
        lock.lock()
        defer { lock.unlock() }
        defer { servers = [] }
        return servers
    }
}

extension PostgresServer {
    fileprivate static func stopAllAtExit() {
        for server in running.drain() { server.stop() }
    }
}
