import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization
import TrackwireProtocol

/// The PostgreSQL store: a `PostgresClient` connection pool, positions partitioned by day, batches
/// written as multi-row `unnest` inserts, and several instances writing to one database at once.
///
/// The pool works only while `run()` is running. Three ways to run it:
/// - as a `Service` in the stage's `ServiceGroup`, listed *before* the services using it (the group
///   stops services in reverse order, so the pool outlives the consumer's last commit);
/// - `start()`, which runs it in a task the backend owns, for callers that just want a ready
///   `StoreBackend` (tw-storage's `StoreBackends.open`, benchmarks);
/// - `withRunning { }` for a scoped run (tests).
/// `close()` ends the run in every case. See docs/storage.md, "PostgreSQL".
public final class PostgresBackend: StoreBackend, Service {
    private let pool: PostgresClient
    /// Opened once `run()` has started the pool.
    private let running = Latch()
    let logger: Logger
    let partitioner: PostgresPartitioner
    private let closing: (stream: AsyncStream<Void>, continuation: AsyncStream<Void>.Continuation)
    /// The pool's task when `start()` runs it.
    private let ownRun = Mutex<Task<Void, Never>?>(nil)
    /// How often a write is retried after a deadlock, a serialisation failure or a partition
    /// attached under it.
    let writeAttempts = 5

    /// A backend for `url` (`postgres://user:password@host:port/database[?sslmode=disable|prefer|require]`);
    /// throws a one-line `ConfigurationError` for a bad URL. Connects lazily, once `run()` runs.
    public init(url: String, logger: Logger, maximumConnections: Int = 8, partitionPolicy: PartitionPolicy = PartitionPolicy()) throws {
        var configuration = try PostgresURL(url).configuration
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = .seconds(5)
        self.pool = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.partitioner = PostgresPartitioner(policy: partitionPolicy)
        self.closing = AsyncStream<Void>.makeStream()
    }

    /// Runs the connection pool until graceful shutdown, cancellation or `close()`.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                self.running.open()
                await self.pool.run()
            }
            group.addTask { for await _ in self.closing.stream {} }
            await group.next()
            group.cancelAll()
        }
    }

    /// Runs the pool for the duration of `body`, then closes it: for tools and tests that do not
    /// use a `ServiceGroup`.
    public func withRunning<Result: Sendable>(_ body: (PostgresBackend) async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.run() }
            defer { group.cancelAll() }
            return try await body(self)
        }
    }

    /// Runs the pool in a task of the backend's own, until `close()`; for callers without a
    /// `ServiceGroup`. Calling it twice, or besides `run()`, is a programming error.
    public func start() {
        ownRun.withLock { task in
            precondition(task == nil, "PostgresBackend.start() called twice")
            // Detached so that no caller's graceful shutdown reaches the pool (PostgresClient.run
            // ends on one): the pool must outlive the consumer's final commit; `close()` ends it.
            task = Task.detached { await self.run() }
        }
    }

    /// Ends `run()` (and waits for a run `start()` began): connections close, later calls fail.
    public func close() async throws {
        closing.continuation.finish()
        await ownRun.withLock { $0 }?.value
    }

    /// The pool, once `run()` runs it: a lease asked for earlier would wait anyway, and PostgresNIO
    /// warns about it.
    var client: PostgresClient {
        get async {
            await running.wait()
            return pool
        }
    }

    public func migrate() async throws {
        _ = try await client.withConnection { connection in
            try await PostgresSchema.migrate(connection, logger: self.logger)
        }
        await partitioner.ensureAhead(now: Self.nowMs(), client: client, logger: logger)
    }

    public func write(_ batch: WriteBatch) async throws -> WriteOutcome {
        guard !batch.isEmpty else { return WriteOutcome() }
        let rows = try PostgresBatchRows(batch)
        await partitioner.ensure(days: rows.positionDays, now: Self.nowMs(), client: client, logger: logger)
        return try await retryingTransient {
            var outcome = WriteOutcome()
            for try await stored in try await client.query(rows.statement, logger: logger).decode((Int64, Int64, Int64, Int64).self) {
                outcome = rows.outcome(stored: stored)
            }
            return outcome
        }
    }

    /// Runs `operation`, again after an error that a retry resolves (deadlock, serialisation failure,
    /// a row routed to the default partition while its day's partition was being attached).
    func retryingTransient<Result>(_ operation: () async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch where attempt < writeAttempts && PostgresErrors.isTransient(error) {
                logger.debug("retrying after a transient PostgreSQL error", metadata: ["attempt": "\(attempt)", "error": "\(String(reflecting: error))"])
                attempt += 1
                try await Task.sleep(for: .milliseconds(10 * attempt))
            }
        }
    }

    static func nowMs() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// A one-way gate: `wait()` returns once `open()` was called.
private final class Latch: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if !state.isOpen { state.waiters.append(continuation) }
                return state.isOpen
            }
            if isOpen { continuation.resume() }
        }
    }
}

/// Which PostgreSQL errors are worth a retry.
enum PostgresErrors {
    /// SQLSTATEs: deadlock detected, serialization failure, check violation (a partition constraint
    /// changed under a running insert), lock not available (lock_timeout).
    static let transientStates: Set<String> = ["40P01", "40001", "23514", "55P03"]

    static func sqlState(_ error: any Error) -> String? {
        if let transaction = error as? PostgresTransactionError {
            return (transaction.closureError ?? transaction.commitError).flatMap(sqlState)
        }
        return (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    static func isTransient(_ error: any Error) -> Bool {
        sqlState(error).map(transientStates.contains) ?? false
    }
}
