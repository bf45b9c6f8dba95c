import TrackwireRuntime
import ZMQ

/// Where the decoder takes frames from and sends its output, and how it stops. Built by
/// `DecoderCommand` from flags and `TW_*` variables; tests build it directly.
public struct DecoderConfiguration: Sendable, Equatable {
    /// Frames to decode (PULL), CZMQ notation; entries without `@`/`>` connect.
    public var frames: String
    /// Where every output is published (PUB, the bus's broadcast-in).
    public var publish: String
    /// Where every output is queued for storage (PUSH, the bus's store-in). Sends block.
    public var store: String
    /// How long a graceful stop may spend delivering what was already taken before it gives up
    /// (and counts the rest as dropped). Also the store socket's linger.
    public var drainTimeout: ConfigDuration
    /// How often the loop wakes, when idle or blocked, to notice a stop.
    public var wakeIntervalMs: Int
    /// The position filters (docs/filters.md); all off by default.
    public var filters = FilterSettings()

    /// A configuration; the defaults wait up to 10 s to drain and wake every 100 ms.
    public init(frames: String, publish: String, store: String, drainTimeout: ConfigDuration = .init(milliseconds: 10_000), wakeIntervalMs: Int = 100) {
        self.frames = frames
        self.publish = publish
        self.store = store
        self.drainTimeout = drainTimeout
        self.wakeIntervalMs = wakeIntervalMs
    }

    /// The bus's well-known endpoints for a decoder.
    public init(bus: BusEndpoints) {
        self.init(frames: bus.framesOut, publish: bus.broadcastIn, store: bus.storeIn)
    }

    /// Throws `ConfigurationError` naming the first unusable endpoint list.
    public func validate() throws {
        for (name, endpoints) in [("--frames", frames), ("--publish", publish), ("--store", store)] {
            do {
                _ = try Endpoints(endpoints, defaultAction: .connect)
            } catch {
                throw ConfigurationError("\(name): \(error)")
            }
        }
        guard wakeIntervalMs > 0 else { throw ConfigurationError("the wake interval must be positive") }
    }
}
