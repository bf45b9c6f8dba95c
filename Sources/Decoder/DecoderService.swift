import ServiceLifecycle
import TrackwireRuntime
import ZMQ

/// The decoder stage as a `Service`: one dedicated thread runs `DecoderLoop` (no blocking libzmq
/// call on the cooperative pool). Graceful shutdown or cancellation stops the intake; `run` returns
/// once the frames in hand are delivered (or the drain timeout passed) and the sockets are closed.
public struct DecoderService: Service {
    let context: StageContext
    let configuration: DecoderConfiguration

    /// A decoder for `context`'s process, wired as `configuration` says.
    public init(context: StageContext, configuration: DecoderConfiguration) {
        self.context = context
        self.configuration = configuration
    }

    /// Runs until graceful shutdown or cancellation, then drains and returns; throws if a socket
    /// cannot be opened.
    public func run() async throws {
        let stop = StopSignal(drainTimeout: configuration.drainTimeout.duration)
        let (context, configuration) = (self.context, self.configuration)
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await DedicatedThread.run(name: "decoder") {
                    try DecoderLoop(context: context, configuration: configuration, stop: stop).run()
                }
            } onGracefulShutdown: {
                context.logger.info("decoder stopping: no more frames taken, delivering those in hand")
                stop.request()
            }
        } onCancel: {
            stop.request()
        }
    }
}
