/// What the device-event detector remembers of one device, snapshotted with the fence state so a
/// restart raises nothing twice. Optional fields are unknown until a fix says.
public struct DeviceStatus: Codable, Sendable, Equatable {
    /// Gateway receive time of the last position heard, unix ms (for offline); 0 when unknown.
    public var lastSeenMs: Int64 = 0
    /// Fix time of the newest fix taken; older fixes change nothing.
    public var lastFixMs: Int64 = .min
    /// Whether offline was raised and no data came since.
    public var offline = false
    /// Open TCP sessions (`<gateway>/<session id>`) from the gateway's `ses.*` records; absent in
    /// older snapshots.
    public var sessions: Set<String>?
    /// When the device's last TCP session closed with no other open, unix ms: offline is raised
    /// once `offlineGraceMs` passed without a reconnect or newer data.
    public var disconnectedMs: Int64?
    /// Why that session ended (the `Session.reason`).
    public var disconnectReason: String?
    /// The last `ignition` value seen.
    public var ignition: Bool?
    /// The believed motion state, and a contrary one waiting for `motionDurationMs`.
    public var moving: Bool?
    public var motionCandidateSinceMs: Int64?
    /// Fix time from which speed stayed above the limit, and whether that episode was raised.
    public var overspeedSinceMs: Int64?
    public var overspeedReported = false

    /// Nothing known yet.
    public init() {}
}
