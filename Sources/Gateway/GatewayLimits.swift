/// The bounds a gateway keeps on every connection (DESIGN §6: every input bounded).
public struct GatewayLimits: Sendable, Equatable {
    /// Largest frame accepted; more buffered bytes without a complete frame is an oversized frame.
    public var maxFrameSize = 65_536
    /// A connection that sends nothing for this long is closed.
    public var idleTimeoutMs: Int64 = 600_000
    /// Connections beyond this are closed at once.
    public var maxConnections = 10_000
    /// A connection is closed after this many bad frames (garbage, oversized, failed checks).
    public var maxBadFrames = 5
    /// Whether frames failing an integrity check (CRC, checksum, length) are dropped unacked
    /// (`true`, so the device retransmits) or forwarded like Traccar does (`false`).
    public var enforceChecksums = true

    public init() {}
}
