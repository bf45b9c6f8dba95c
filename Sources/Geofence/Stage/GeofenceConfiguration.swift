import TrackwireProtocol
import TrackwireRuntime
import ZMQ

/// Where the geofence stage takes positions and fences from, where its events go, and how it
/// keeps its state. Built by `GeofenceCommand` from flags and `TW_*` variables; tests build it directly.
public struct GeofenceConfiguration: Sendable {
    /// Positions and `cfg.geofence` (SUB, the bus's broadcast-out), CZMQ notation.
    public var subscribe: String
    /// Where events and rejects are published (PUB, the bus's broadcast-in).
    public var publish: String
    /// Where events and rejects are queued for storage (PUSH, the bus's store-in). Sends block.
    public var store: String
    /// This instance's share of the device partitions.
    public var shard: Shard
    /// Where the fences come from at start.
    public var source: FenceSource
    /// Where state snapshots are kept.
    public var stateDirectory: String
    /// How often state is snapshotted while running (also at a graceful stop).
    public var snapshotInterval: ConfigDuration
    /// How sure to be before raising events.
    public var detection: DetectionSettings
    /// Which device events (motion, ignition, overspeed, offline) are raised besides fence events.
    public var deviceEvents = DeviceEventSettings()
    /// How long a graceful stop may spend delivering events already raised.
    public var drainTimeout: ConfigDuration
    /// How long to keep trying the storage API at start before giving up.
    public var fetchTimeout: ConfigDuration
    /// The bearer token sent with `--geofences-from` when the storage API requires one.
    public var apiToken: String?
    /// How often the loop wakes, when idle or blocked, to notice a stop or a due snapshot.
    public var wakeIntervalMs: Int

    /// A configuration with the documented defaults.
    public init(
        subscribe: String, publish: String, store: String, shard: Shard = .all, source: FenceSource = .none,
        stateDirectory: String? = nil, snapshotInterval: ConfigDuration = .init(milliseconds: 5_000),
        detection: DetectionSettings = .init(), drainTimeout: ConfigDuration = .init(milliseconds: 10_000),
        fetchTimeout: ConfigDuration = .init(milliseconds: 30_000), wakeIntervalMs: Int = 100
    ) {
        self.subscribe = subscribe
        self.publish = publish
        self.store = store
        self.shard = shard
        self.source = source
        self.stateDirectory = stateDirectory ?? Self.defaultStateDirectory(for: shard)
        self.snapshotInterval = snapshotInterval
        self.detection = detection
        self.drainTimeout = drainTimeout
        self.fetchTimeout = fetchTimeout
        self.wakeIntervalMs = wakeIntervalMs
    }

    /// The bus's well-known endpoints for a geofence instance.
    public init(bus: BusEndpoints, shard: Shard = .all) {
        self.init(subscribe: bus.broadcastOut, publish: bus.broadcastIn, store: bus.storeIn, shard: shard)
    }

    /// `./data/geofence-<i>-of-<K>`.
    public static func defaultStateDirectory(for shard: Shard) -> String {
        "./data/geofence-\(shard.index)-of-\(shard.count)"
    }

    /// The SUB's prefixes: this shard's `pos.<pp>.` partitions and `cfg.geofence`.
    public var subscriptions: [String] { [Topic.geofenceConfig] + shard.subscriptions(for: .pos) + shard.subscriptions(for: .ses) }

    /// Throws `ConfigurationError` naming the first unusable setting.
    public func validate() throws {
        for (name, endpoints) in [("--subscribe", subscribe), ("--publish", publish), ("--store", store)] {
            do {
                _ = try Endpoints(endpoints, defaultAction: .connect)
            } catch {
                throw ConfigurationError("\(name): \(error)")
            }
        }
        guard detection.minimumFixes >= 1 else { throw ConfigurationError("--debounce-fixes must be at least 1") }
        guard detection.crossMaximumMetres >= 0 else { throw ConfigurationError("--cross-max-distance must be 0 (no crossings) or more") }
        guard !stateDirectory.isEmpty else { throw ConfigurationError("--state-dir must not be empty") }
        guard snapshotInterval.milliseconds > 0 else { throw ConfigurationError("--snapshot-interval must be positive") }
        guard wakeIntervalMs > 0 else { throw ConfigurationError("the wake interval must be positive") }
        try source.validate()
    }
}
