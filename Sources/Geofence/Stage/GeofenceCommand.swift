import ArgumentParser
import ServiceLifecycle
import TrackwireProtocol
import TrackwireRuntime

/// `tw-geofence`: turns this shard's positions into geofence events (enter, exit, dwell, cross,
/// overspeed). Stateful: run one per shard, `--shard i/K`.
public struct GeofenceCommand: StageCommand {
    /// The command line's name and summary.
    public static let configuration = CommandConfiguration(
        commandName: "tw-geofence",
        abstract: "Detects geofence enter, exit, dwell, cross and overspeed events (evt.*) from positions (pos.*)."
    )
    /// `geofence`, in topics, metrics and heartbeats.
    public static let stageName = "geofence"

    /// The options every Trackwire process takes.
    @OptionGroup public var runtime: RuntimeOptions
    /// Motion, ignition, overspeed and offline events.
    @OptionGroup var deviceEvents: DeviceEventOptions

    @Option(help: "This instance's share of the partitions, i/K (env TW_SHARD).")
    var shard = EnvironmentDefaults.string("TW_SHARD", "0/1")
    @Option(name: .customLong("geofences"), help: "Load fences at start from a GeoJSON file (Feature or FeatureCollection) (env TW_GEOFENCES).")
    var geofencesFile: String?
    @Option(name: .customLong("geofences-from"), help: "Load fences at start from the storage API, e.g. http://127.0.0.1:8082/api/geofences (env TW_GEOFENCES_FROM).")
    var geofencesURL: String?
    @Option(help: "Where state snapshots are kept; default ./data/geofence-<i>-of-<K> (env TW_STATE_DIR).")
    var stateDir: String?
    @Option(help: "How often state is snapshotted, e.g. 5s; also at a graceful stop (env TW_SNAPSHOT_INTERVAL).")
    var snapshotInterval = EnvironmentDefaults.string("TW_SNAPSHOT_INTERVAL", "5s")
    @Option(help: "Consecutive fixes on the new side before enter or exit is believed (env TW_DEBOUNCE_FIXES).")
    var debounceFixes = EnvironmentDefaults.int("TW_DEBOUNCE_FIXES", 2)
    @Option(help: "And the time those fixes must span, e.g. 0s or 20s (env TW_DEBOUNCE_TIME).")
    var debounceTime = EnvironmentDefaults.string("TW_DEBOUNCE_TIME", "0s")
    @Option(help: "How long speed must stay above a fence's limit before overspeed, e.g. 10s (env TW_OVERSPEED_DURATION).")
    var overspeedDuration = EnvironmentDefaults.string("TW_OVERSPEED_DURATION", "10s")
    @Option(help: "The longest step between two fixes, in metres, searched for crossed fences (env TW_CROSS_MAX_DISTANCE).")
    var crossMaxDistance = Double(EnvironmentDefaults.int("TW_CROSS_MAX_DISTANCE", 10_000))
    @Option(help: "Where to subscribe to positions and cfg.geofence (SUB); default >tcp://<bus>:7101 (env TW_SUBSCRIBE).")
    var subscribe: String?
    @Option(help: "Where to publish events and rejects (PUB); default >tcp://<bus>:7100 (env TW_PUBLISH).")
    var publish: String?
    @Option(help: "Where to queue events and rejects for storage (PUSH, blocking); default >tcp://<bus>:7104 (env TW_STORE).")
    var store: String?
    @Option(help: "How long to keep retrying --geofences-from at start, e.g. 30s (env TW_FETCH_TIMEOUT).")
    var fetchTimeout = EnvironmentDefaults.string("TW_FETCH_TIMEOUT", "30s")
    @Option(help: "Bearer token for --geofences-from when the storage API requires one (env TW_API_TOKEN).")
    var apiToken: String?
    @Option(help: "How long a graceful stop may take to deliver events already raised, e.g. 10s (env TW_DRAIN_TIMEOUT).")
    var drainTimeout = EnvironmentDefaults.string("TW_DRAIN_TIMEOUT", "10s")

    /// Made by ArgumentParser.
    public init() {}

    /// The configuration, from flags, then `TW_*` variables, then the bus's well-known endpoints.
    public func geofenceConfiguration() throws -> GeofenceConfiguration {
        guard let shard = Shard(shard) else { throw ConfigurationError("--shard '\(shard)' is not i/K with 0 <= i < K <= 64") }
        var configuration = GeofenceConfiguration(bus: runtime.busEndpoints, shard: shard)
        configuration.subscribe = subscribe ?? EnvironmentDefaults.raw("TW_SUBSCRIBE") ?? configuration.subscribe
        configuration.publish = publish ?? EnvironmentDefaults.raw("TW_PUBLISH") ?? configuration.publish
        configuration.store = store ?? EnvironmentDefaults.raw("TW_STORE") ?? configuration.store
        configuration.stateDirectory = stateDir ?? EnvironmentDefaults.raw("TW_STATE_DIR") ?? configuration.stateDirectory
        switch (geofencesFile ?? EnvironmentDefaults.raw("TW_GEOFENCES"), geofencesURL ?? EnvironmentDefaults.raw("TW_GEOFENCES_FROM")) {
        case (let file?, nil): configuration.source = .file(file)
        case (nil, let url?): configuration.source = .url(url)
        case (nil, nil): configuration.source = .none
        case (_?, _?): throw ConfigurationError("give --geofences FILE or --geofences-from URL, not both")
        }
        configuration.snapshotInterval = try ConfigDuration(snapshotInterval, flag: "--snapshot-interval", example: "10s")
        configuration.fetchTimeout = try ConfigDuration(fetchTimeout, flag: "--fetch-timeout", example: "10s")
        configuration.apiToken = (apiToken ?? EnvironmentDefaults.raw("TW_API_TOKEN")).flatMap { $0.isEmpty ? nil : $0 }
        configuration.drainTimeout = try ConfigDuration(drainTimeout, flag: "--drain-timeout", example: "10s")
        configuration.detection = DetectionSettings(
            minimumFixes: debounceFixes, minimumDurationMs: try ConfigDuration(debounceTime, flag: "--debounce-time", example: "10s").milliseconds,
            overspeedDurationMs: try ConfigDuration(overspeedDuration, flag: "--overspeed-duration", example: "10s").milliseconds,
            crossMaximumMetres: crossMaxDistance
        )
        configuration.deviceEvents = try deviceEvents.settings(overspeedDurationMs: configuration.detection.overspeedDurationMs)
        try configuration.validate()
        return configuration
    }

    /// Checks endpoints, shard, durations and the fence source (`--validate`, and before starting).
    public func checkConfiguration() throws {
        _ = try geofenceConfiguration()
    }

    /// The geofence stage's one service.
    public func makeServices(_ context: StageContext) async throws -> [any Service] {
        [GeofenceService(context: context, configuration: try geofenceConfiguration())]
    }
}
