import TrackwireRuntime
import ZMQ

/// One bus channel: a producer-facing and a consumer-facing socket joined by a `Forwarder` on its
/// own thread.
public struct BusChannelSpec: Sendable, Equatable {
    /// `broadcast`, `frames` or `store`: used in counters and logs.
    public var name: String
    public var frontendType: SocketType
    public var frontendEndpoints: String
    public var backendType: SocketType
    public var backendEndpoints: String

    /// Whether subscriptions travel from the consumer side back to the producers (XPUB → XSUB).
    var passesSubscriptions: Bool { backendType == .xpub }
}
