/// What the detector remembers of one device: its last believed fix and its state per fence.
public struct DeviceTrack: Codable, Sendable, Equatable {
    /// Fix time of the last fix taken, unix ms; older or equal fixes change nothing.
    public var lastFixMs: Int64
    /// Where that fix was, for crossing detection.
    public var last: GeoPoint
    /// State per fence id; fences the device is plainly outside of have none.
    public var visits: [String: FenceVisit]

    /// A track starting at a fix.
    public init(lastFixMs: Int64, last: GeoPoint, visits: [String: FenceVisit] = [:]) {
        self.lastFixMs = lastFixMs
        self.last = last
        self.visits = visits
    }
}

/// The detector's whole per-device state, as snapshotted to disk and restored at start.
public struct DetectorState: Codable, Sendable, Equatable {
    /// The snapshot format; bumped when it changes incompatibly.
    public var version = 1
    /// Tracks by device id.
    public var devices: [String: DeviceTrack]
    /// Device-event state (motion, ignition, offline) by device id; absent in older snapshots.
    public var deviceStatuses: [String: DeviceStatus]?

    /// State holding these tracks.
    public init(devices: [String: DeviceTrack] = [:], deviceStatuses: [String: DeviceStatus]? = nil) {
        self.devices = devices
        self.deviceStatuses = deviceStatuses
    }
}
