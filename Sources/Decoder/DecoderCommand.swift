import ArgumentParser
import ServiceLifecycle
import TrackwireRuntime

/// `tw-decoder`: pulls device frames, decodes them, and publishes and stores positions, events
/// and rejects. Stateless: run as many as the frame rate needs.
public struct DecoderCommand: StageCommand {
    /// The command line's name and summary.
    public static let configuration = CommandConfiguration(
        commandName: "tw-decoder",
        abstract: "Decodes device frames (raw.*) into positions (pos.*), events (evt.*) and rejects (err.decoder)."
    )
    /// `decoder`, in topics, metrics and heartbeats.
    public static let stageName = FrameDecoding.stage

    /// The options every Trackwire process takes.
    @OptionGroup public var runtime: RuntimeOptions
    /// The position filters (`--filter-*`).
    @OptionGroup var filter: FilterOptions

    @Option(help: "Where to pull frames (PULL), CZMQ endpoints (@bind, >connect); default >tcp://<bus>:7103 (env TW_FRAMES).")
    var frames: String?
    @Option(help: "Where to publish every output (PUB); default >tcp://<bus>:7100, the bus's broadcast-in (env TW_PUBLISH).")
    var publish: String?
    @Option(help: "Where to queue every output for storage (PUSH, blocking); default >tcp://<bus>:7104 (env TW_STORE).")
    var store: String?
    @Option(help: "How long a graceful stop may take to deliver frames already taken, e.g. 10s (env TW_DRAIN_TIMEOUT).")
    var drainTimeout = EnvironmentDefaults.string("TW_DRAIN_TIMEOUT", "10s")

    /// Made by ArgumentParser.
    public init() {}

    /// The configuration, from flags, then `TW_*` variables, then the bus's well-known endpoints.
    public func decoderConfiguration() throws -> DecoderConfiguration {
        var configuration = DecoderConfiguration(bus: runtime.busEndpoints)
        configuration.frames = frames ?? EnvironmentDefaults.raw("TW_FRAMES") ?? configuration.frames
        configuration.publish = publish ?? EnvironmentDefaults.raw("TW_PUBLISH") ?? configuration.publish
        configuration.store = store ?? EnvironmentDefaults.raw("TW_STORE") ?? configuration.store
        configuration.drainTimeout = try ConfigDuration(drainTimeout, flag: "--drain-timeout", example: "10s")
        configuration.filters = try filter.settings()
        try configuration.validate()
        return configuration
    }

    /// Checks the endpoint lists and the drain timeout (`--validate`, and before starting).
    public func checkConfiguration() throws {
        _ = try decoderConfiguration()
    }

    /// The decoder's one service.
    public func makeServices(_ context: StageContext) async throws -> [any Service] {
        [DecoderService(context: context, configuration: try decoderConfiguration())]
    }
}
