import Foundation
import Logging
import ServiceLifecycle
import TrackwireRuntime

/// The expiry timer of commands that wait (docs/commands.md): every `--command-expiry-check` it
/// records the queued and sent commands past their `expires_ms` as `expired` and raises their
/// `command_status` event, so an expiry is known even when nobody asks and the device never comes
/// back. Failures are logged and counted, and retried at the next check.
struct CommandExpiryService: Service {
    let ledger: CommandLedger
    let interval: ConfigDuration
    private let nowMs: @Sendable () -> Int64

    init(context: StageContext, configuration: StorageConfiguration, backend: any StoreBackend, outlet: (any BusOutlet)?,
         nowMs: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        ledger = CommandLedger(store: backend, outlet: outlet, counters: context.counters, logger: context.logger)
        interval = configuration.commandExpiryCheck
        self.nowMs = nowMs
    }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    await expireOnce()
                    try await Task.sleep(for: interval.duration)
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: the next start picks up what is due.
        }
    }

    /// One check; returns how many commands expired.
    @discardableResult
    func expireOnce() async -> Int {
        do {
            // In rounds, so a backlog after a long stop is worked off without one huge read.
            var total = 0
            while true {
                let expired = try await ledger.expireDue(nowMs: nowMs(), limit: CommandLedger.expiryRound)
                total += expired
                if expired < CommandLedger.expiryRound { return total }
            }
        } catch is CancellationError {
            return 0
        } catch {
            ledger.counters.counter("commands", labels: [("result", "error")]).increment()
            ledger.logger.warning("command expiry failed; trying again at the next check", metadata: ["error": "\(error)"])
            return 0
        }
    }
}
