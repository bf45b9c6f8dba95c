import TrackwireRuntime
import ZMQ

/// Everything tw-storage is told: the database, its bus endpoints, batching, acks, retention and
/// the API. Built by `StorageCommand` from flags and `TW_*` variables; tests build it directly.
public struct StorageConfiguration: Sendable {
    /// Where to store (`--db`).
    public var database: DatabaseLocation = .defaultSQLite
    /// The store queue (PULL), CZMQ notation.
    public var store: String
    /// Where acks, `cfg.geofence` and `cmd.*` are published (PUB, the bus's broadcast-in).
    public var publish: String
    /// Where replayed dead letters go back to: frames-in and store-in (PUSH).
    public var replayFrames: String
    public var replayStore: String
    /// A batch is committed when it holds this many messages ...
    public var batchSize = 1000
    /// While a commit runs the next batch is gathered, growing up to this many messages when a
    /// backlog waits (fewer, larger commits); then intake pauses until the commit is done.
    public var batchMax = 10_000
    /// ... or when its oldest message is this old.
    public var batchAge = ConfigDuration(milliseconds: 200)
    /// Publish `ack.<gateway>` after each commit (durable acks).
    public var acks = true
    /// Remove positions, events, sessions and dead letters older than this; `nil` keeps everything.
    public var retention: ConfigDuration?
    /// Thin positions older than this to one per `downsampleInterval` per device; `nil` never.
    public var downsampleAfter: ConfigDuration?
    public var downsampleInterval = ConfigDuration(milliseconds: 60_000)
    /// How often retention and downsampling run.
    public var retentionCheck = ConfigDuration(milliseconds: 60_000)
    /// How often waiting commands past their `expires_ms` are recorded `expired`; 0 is off.
    public var commandExpiryCheck = ConfigDuration(milliseconds: 1000)
    /// Rows per retention transaction (bounds how long ingest waits for the writer).
    public var retentionChunkRows = 1000
    /// How long a graceful stop may keep retrying a failing database before it gives up.
    public var drainTimeout = ConfigDuration(milliseconds: 30_000)
    /// How often the queue thread wakes, when idle, to notice a stop.
    public var wakeIntervalMs = 100
    /// A stop keeps taking messages until none arrived for this long (the producers went quiet),
    /// so nothing already routed to this process is lost when its socket closes.
    public var drainQuietMs = 500
    /// The HTTP API's settings.
    public var api = APIConfiguration()

    /// The bus's well-known endpoints for storage.
    public init(bus: BusEndpoints) {
        store = bus.storeOut
        publish = bus.broadcastIn
        replayFrames = bus.framesIn
        replayStore = bus.storeIn
    }

    /// Throws `ConfigurationError` naming the first unusable value.
    public func validate() throws {
        for (name, endpoints) in [("--store", store), ("--publish", publish), ("--bus (frames-in)", replayFrames), ("--bus (store-in)", replayStore)] {
            do {
                _ = try Endpoints(endpoints, defaultAction: .connect)
            } catch {
                throw ConfigurationError("\(name): \(error)")
            }
        }
        guard batchSize > 0 else { throw ConfigurationError("--batch-size must be at least 1") }
        guard batchMax >= batchSize else { throw ConfigurationError("--batch-max (\(batchMax)) must be at least --batch-size (\(batchSize))") }
        guard batchAge.milliseconds > 0 else { throw ConfigurationError("--batch-age must be longer than 0, e.g. 200ms") }
        guard retentionCheck.milliseconds > 0 else { throw ConfigurationError("--retention-check must be longer than 0, e.g. 1m") }
        guard downsampleInterval.milliseconds > 0 else { throw ConfigurationError("--downsample-interval must be longer than 0, e.g. 60s") }
        if let retention, retention.milliseconds <= 0 { throw ConfigurationError("--retention must be longer than 0 (or 'off')") }
        if let downsampleAfter, let retention, downsampleAfter.milliseconds >= retention.milliseconds {
            throw ConfigurationError("--downsample-after (\(downsampleAfter)) must be shorter than --retention (\(retention))")
        }
        guard wakeIntervalMs > 0, drainQuietMs > 0 else { throw ConfigurationError("the wake and drain-quiet intervals must be positive") }
    }
}
