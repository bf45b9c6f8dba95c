/// The bounds a gateway keeps on every connection (every input bounded), and how it acks devices.
public struct GatewayLimits: Sendable, Equatable {
    /// Largest frame accepted; more buffered bytes without a complete frame is an oversized frame.
    public var maxFrameSize = 65_536
    /// A connection that sends nothing for this long is closed.
    public var idleTimeoutMs: Int64 = 600_000
    /// A TCP connection none of whose frames named its device within this time is closed.
    public var loginTimeoutMs: Int64 = 30_000
    /// Identified device connections beyond this are closed at once (unidentified ones count
    /// against `maxUnidentified` instead).
    public var maxConnections = 10_000
    /// Connections (TCP, HTTP) and UDP peers from one host beyond this are refused at once. Generous,
    /// because a mobile carrier's NAT puts many trackers behind one address.
    public var maxConnectionsPerAddress = 1_000
    /// TCP and HTTP connections that have not named their device yet; a new one beyond this evicts
    /// the oldest of them.
    public var maxUnidentified = 1_000
    /// An HTTP request (head and body) not complete within this time closes its connection.
    public var httpReadTimeoutMs: Int64 = 30_000
    /// Frames a second per device (`--max-frame-rate`).
    public var frameRate = FrameRateLimiter.standard
    /// A connection is closed after this many bad frames (garbage, oversized, failed checks).
    public var maxBadFrames = 5
    /// What happens to frames failing an integrity check (CRC, checksum).
    public var checksums = ChecksumPolicy.flag
    /// When a device is told its frame was received.
    public var ackMode = AckMode.durable
    /// Durable mode: a frame whose commit is not confirmed within this time gets no ack; its TCP
    /// connection is closed (the device resends from its buffer), its HTTP request answered 503.
    public var ackTimeoutMs: Int64 = 30_000
    /// Durable mode: at most this many frames of one session wait for their commit; beyond that
    /// the gateway stops reading the device (TCP) or drops its datagrams unanswered (UDP).
    public var ackWindow = 64
    /// Which device ids are accepted (`--devices`).
    public var admission = DeviceAdmission.open

    public init() {}

    /// Whether frames failing an integrity check are dropped unacked (so the device retransmits).
    public var enforceChecksums: Bool { checksums == .enforce }
}

/// When a device is acknowledged.
public enum AckMode: String, Sendable, Equatable, CaseIterable {
    /// Once storage has committed what the frame became (`ack.<gateway>` from storage).
    case durable
    /// Once the frame is queued on the bus: faster, but what a crash then loses was acked.
    case receipt
}

/// What the gateway does with a frame that fails its protocol's integrity check.
public enum ChecksumPolicy: String, Sendable, Equatable, CaseIterable {
    /// Forward it, marked (`checksum_ok = false` on what it becomes) and counted, as Traccar
    /// forwards such frames: over TCP and UDP a mismatch is almost always a firmware quirk, and
    /// dropping it would lose that device's data for good while it resends the same frame.
    case flag
    /// Drop it unacknowledged (with an `err.gateway` reject), so the device sends it again.
    case enforce
}
