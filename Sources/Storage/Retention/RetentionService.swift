import Foundation
import Logging
import ServiceLifecycle
import TrackwireRuntime

/// Enforces retention and downsampling on a schedule, through the `StoreBackend` protocol (so it
/// serves SQLite and PostgreSQL alike): every `check` it removes what is older than `retention`
/// and thins what is older than `downsampleAfter`. Failures are logged and retried next time.
public struct RetentionService: Service {
    let backend: any StoreBackend
    let configuration: StorageConfiguration
    let logger: Logger
    private let metrics: StorageMetrics
    private let nowMs: @Sendable () -> Int64

    /// A schedule for `backend` as `configuration` says; `nowMs` is the clock (unix ms).
    public init(context: StageContext, configuration: StorageConfiguration, backend: any StoreBackend,
                nowMs: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.backend = backend
        self.configuration = configuration
        logger = context.logger
        metrics = StorageMetrics(context.counters)
        self.nowMs = nowMs
    }

    /// Whether there is anything to enforce.
    public static func isNeeded(_ configuration: StorageConfiguration) -> Bool {
        configuration.retention != nil || configuration.downsampleAfter != nil
    }

    public func run() async throws {
        logger.info("retention scheduled", metadata: [
            "retention": "\(configuration.retention?.description ?? "off")",
            "downsample_after": "\(configuration.downsampleAfter?.description ?? "off")",
            "check": "\(configuration.retentionCheck)",
        ])
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    await enforceOnce()
                    try await Task.sleep(for: configuration.retentionCheck.duration)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: nothing half-done to finish, the next start runs again.
        }
    }

    /// One round of retention and downsampling; returns the rows removed by each.
    @discardableResult
    public func enforceOnce() async -> (retention: Int, downsampling: Int) {
        let now = nowMs()
        var removed = (retention: 0, downsampling: 0)
        do {
            if let retention = configuration.retention {
                removed.retention = try await backend.removeData(olderThan: now - retention.milliseconds, chunkRows: configuration.retentionChunkRows)
            }
            if let after = configuration.downsampleAfter {
                removed.downsampling = try await backend.downsample(
                    olderThan: now - after.milliseconds, intervalMs: configuration.downsampleInterval.milliseconds,
                    chunkRows: configuration.retentionChunkRows
                )
            }
        } catch is CancellationError {
        } catch {
            logger.warning("retention failed; trying again at the next check", metadata: ["error": "\(error)"])
        }
        metrics.removed(byRetention: removed.retention, byDownsampling: removed.downsampling)
        if removed.retention + removed.downsampling > 0 {
            logger.info("retention removed rows", metadata: ["retention": "\(removed.retention)", "downsampling": "\(removed.downsampling)"])
        }
        return removed
    }
}
