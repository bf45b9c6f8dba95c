import Foundation
import Logging
import TrackwireRuntime
import ZMQ

/// The store queue's receiving side, on the one thread that owns the PULL socket. It assembles
/// batches and hands each to the committing task through `CommitHandoff`; while a commit runs it
/// gathers the next batch (group commit), growing it up to `--batch-max` when a backlog waits, and
/// then takes nothing more until the commit is done: the back-pressure that stops the producers
/// when the database is slow, with at most two batches in hand.
final class StoreQueueLoop {
    private let socket: Socket
    private let handoff: CommitHandoff<WriteBatch>
    private let stop: StopSignal
    private let metrics: StorageMetrics
    private let logger: Logger
    private let batchSize: Int
    private let batchMax: Int
    private let batchAge: Duration
    /// Records of the batch in flight (for the log line when a stop gives it up).
    private var inFlightCount = 0
    private let wakeIntervalMs: Int
    private let drainQuietMs: Int
    private var assembler: BatchAssembler
    /// Messages taken from libzmq so far (each one is committed or in the hand-off).
    private var pulled = 0

    /// Opens the PULL socket; call on the thread that will `run`.
    init(context: StageContext, configuration: StorageConfiguration, handoff: CommitHandoff<WriteBatch>, stop: StopSignal, metrics: StorageMetrics) throws {
        socket = try context.socket(.pull, endpoints: configuration.store)
        self.handoff = handoff
        self.stop = stop
        self.metrics = metrics
        logger = context.logger
        batchSize = configuration.batchSize
        batchMax = max(configuration.batchSize, configuration.batchMax)
        batchAge = configuration.batchAge.duration
        wakeIntervalMs = configuration.wakeIntervalMs
        drainQuietMs = configuration.drainQuietMs
        assembler = BatchAssembler(instance: context.instance)
        logger.info("store queue consumer up", metadata: ["store": "\(configuration.store)", "batch_size": "\(batchSize)"])
    }

    /// The orchestration loop: fill a batch until it is full or old enough, hand it over, gather
    /// the next while it commits, repeat; after a stop, take what libzmq already holds for us (closing the socket
    /// would discard it) until it stays quiet, commit that too, close.
    func run() throws {
        defer {
            socket.close()
            handoff.finish()
        }
        var failure: (any Error)?
        do {
            while !stop.isRequested {
                if handoff.isBusy {
                    try gatherWhileCommitting()
                } else {
                    guard committedLast() else { return }
                    if isDue() { offerBatch() } else if try !takeOne() { try waitReadable(timeoutMs: ageLeftMs()) }
                }
            }
            handoff.waitUntilIdle()
            guard committedLast() else { return }
            try drain()
        } catch let error as ZMQError where error.isTerminated {
            logger.info("store queue consumer stopping: the ZeroMQ context is shutting down")
        } catch {
            logger.error("store queue consumer failed", metadata: ["error": "\(error)"])
            failure = error
        }
        if submit() {
            logger.info("store queue consumer stopped: every message taken is committed", metadata: ["pulled": "\(pulled)"])
        }
        if let failure { throw failure }
    }

    /// While a batch commits: take what arrives into the next one, up to `batchMax`; then wait.
    private func gatherWhileCommitting() throws {
        if assembler.batch.count >= batchMax {
            handoff.waitUntilIdle(timeoutMs: wakeIntervalMs)
        } else if try !takeOne() {
            // Short: the commit's end is noticed here, not by the socket.
            try waitReadable(timeoutMs: 2)
        }
    }

    /// Whether the batch should go now: full or old enough. What was gathered while a slow commit
    /// ran is usually both, so under load batches follow each other without a pause and grow.
    private func isDue() -> Bool {
        guard !assembler.batch.isEmpty else { return false }
        return assembler.batch.count >= batchSize || isOld()
    }

    private func offerBatch() {
        let batch = assembler.take()
        inFlightCount = batch.count
        if !handoff.offer(batch) { inFlightCount = -batch.count }
    }

    /// Whether the last batch handed over was committed; if not (a stop gave up on a failing
    /// database, or the committing task is gone), says so: the thread takes nothing more.
    private func committedLast() -> Bool {
        guard handoff.lastBatchCommitted, inFlightCount >= 0 else {
            let lost = abs(inFlightCount) + assembler.take().count
            metrics.droppedOnStop(lost)
            logger.error("stopping with messages taken from the queue but not stored", metadata: ["count": "\(lost)"])
            return false
        }
        return true
    }

    /// Takes what is queued until nothing arrives for `drainQuietMs` (or the drain deadline).
    /// Closing the socket earlier would discard what libzmq holds for us and what the bus already
    /// routed to this connection: a PUSH does not re-route messages of a peer that went away.
    private func drain() throws {
        while !stop.isPastDeadline {
            if assembler.batch.count >= batchSize {
                guard submit() else { return }
            } else if try !takeOne() {
                guard try waitReadable(timeoutMs: drainQuietMs) else { return }
            }
        }
        logger.warning("drain timeout passed while messages were still arriving; the rest stay queued or in transit")
    }

    /// Adds one message to the batch if one is ready; `false` if none is.
    private func takeOne() throws -> Bool {
        let taken = try socket.withReceived(wait: false) { parts in
            metrics.received(assembler.add(parts, nowMs: Self.nowMs, at: .now))
        } != nil
        if taken { pulled += 1 }
        return taken
    }

    /// Hands the batch over (if any) and waits for its commit; `false` if it was not committed
    /// (a stop gave up on a failing database, or the committing task is gone): take no more then.
    private func submit() -> Bool {
        guard !assembler.batch.isEmpty else { return true }
        let batch = assembler.take()
        guard handoff.submit(batch) else {
            metrics.droppedOnStop(batch.count)
            logger.error("stopping with messages taken from the queue but not stored", metadata: ["count": "\(batch.count)"])
            return false
        }
        return true
    }

    private func isOld() -> Bool {
        assembler.startedAt.map { ContinuousClock.now - $0 >= batchAge } ?? false
    }

    /// How long until the current batch is due, capped by the wake interval (to notice a stop).
    private func ageLeftMs() -> Int {
        guard let started = assembler.startedAt else { return wakeIntervalMs }
        let left = batchAge - (ContinuousClock.now - started)
        return max(1, min(wakeIntervalMs, Int(left.wholeMilliseconds)))
    }

    @discardableResult
    private func waitReadable(timeoutMs: Int) throws -> Bool {
        var poller = Poller()
        poller.add(socket, events: .readable)
        return try poller.poll(timeoutMs: timeoutMs)[0].contains(.readable)
    }

    private static var nowMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}
