import ServiceLifecycle
import UnixSignals

/// Reads a stage's token file again on every SIGHUP, so a revoked token stops working without a
/// restart; a file that does not parse leaves the previous tokens in force, logged and counted.
public struct TokenReloader: Service {
    let tokens: APITokens
    let context: StageContext

    /// Reloads `tokens` for the stage of `context`.
    public init(tokens: APITokens, context: StageContext) {
        self.tokens = tokens
        self.context = context
    }

    public func run() async throws {
        guard tokens.path != nil else {
            try? await gracefulShutdown()
            return
        }
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            do {
                let count = try tokens.reload()
                context.logger.notice("API tokens reloaded", metadata: ["tokens": "\(count)"])
            } catch {
                context.counters.counter("errors", labels: [("error_type", "token_reload")]).increment()
                context.logger.error("API tokens not reloaded; the previous ones stay", metadata: ["error": "\(error)"])
            }
        }
    }
}
