import Logging
import ServiceLifecycle
import TrackwireRuntime
import UnixSignals
import ZMQ

/// tw-bus as a CURVE server (docs/security.md): its ZAP handler admits only client keys on the
/// allow-list, logs and counts every refusal, and reads the list again on SIGHUP.
///
/// Made before the channels bind (the handler must be there before the first handshake), run as
/// the first of the bus's services.
public final class BusCurveGuard: Service, Sendable {
    let context: StageContext
    let allowList: CurveAllowList
    let handler: ZAPHandler
    /// The bus's own public key, admitted too (its heartbeat publisher is a client of itself).
    let ownKey: String

    /// Binds the ZAP handler in the stage's context.
    public init(context: StageContext, allowList: CurveAllowList, ownKey: String) throws {
        self.context = context
        self.allowList = allowList
        self.ownKey = ownKey
        let refused = context.counters.counter("errors", labels: [("error_type", "curve_refused")])
        let admitted = context.counters.counter("curve_admitted")
        let logger = context.logger
        handler = try ZAPHandler(context: context.zmq) { request in
            let ok = request.mechanism == "CURVE" && request.clientKey.map { $0 == ownKey || allowList.contains($0) } == true
            if ok {
                admitted.increment()
            } else {
                refused.increment()
                logger.warning("CURVE client refused: its key is not on the allow-list", metadata: [
                    "address": "\(request.address)", "mechanism": "\(request.mechanism)", "key": "\(request.clientKey ?? "-")",
                ])
            }
            return ok
        }
        logger.info("CURVE server: admitting only listed client keys", metadata: [
            "keys": "\(allowList.count)", "allow_list": "\(allowList.path ?? "TW_CURVE_ALLOW")",
        ])
    }

    public func run() async throws {
        let handler = self.handler
        let zap = Task.detached { try await DedicatedThread.run(name: "bus-zap") { try handler.run() } }
        await withGracefulShutdownHandler {
            await reloadOnHangUp()
        } onGracefulShutdown: {
            handler.stop()
        }
        handler.stop()
        try await zap.value
    }

    /// Reads the allow-list again on each SIGHUP; a list that does not parse leaves the old one.
    private func reloadOnHangUp() async {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            do {
                let count = try allowList.reload()
                context.logger.notice("CURVE allow-list reloaded", metadata: ["keys": "\(count)"])
            } catch {
                context.counters.counter("errors", labels: [("error_type", "curve_allow_reload")]).increment()
                context.logger.error("CURVE allow-list not reloaded; the previous list stays", metadata: ["error": "\(error)"])
            }
        }
    }
}
