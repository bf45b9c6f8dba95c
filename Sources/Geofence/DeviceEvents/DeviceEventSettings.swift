/// When the device events of tw-geofence fire (docs/events.md): motion, ignition, overspeed
/// outside fences and offline after silence. Set from `tw-geofence` flags.
public struct DeviceEventSettings: Sendable, Equatable {
    /// Whether moving and stopped are raised.
    public var motion = true
    /// Whether ignition on and off are raised.
    public var ignition = true
    /// Speed at or above which a fix counts as moving, km/h (Traccar's `event.motion.speedThreshold`).
    public var motionSpeedKmh: Double = 3
    /// How long a new motion state must last, by fix time, before moving or stopped is raised
    /// (Traccar's minimal trip and parking duration), so a traffic light is not a stop.
    public var motionDurationMs: Int64 = 300_000
    /// The speed limit for overspeed anywhere, km/h; 0 is off (per-fence limits are separate).
    public var overspeedLimitKmh: Double = 0
    /// Limits of single devices, km/h, over the global one.
    public var deviceSpeedLimits: [String: Double] = [:]
    /// How long speed must stay above the limit before overspeed is raised, ms.
    public var overspeedDurationMs: Int64 = 10_000
    /// A device heard from no data for this long is offline; 0 is off.
    public var offlineAfterMs: Int64 = 600_000
    /// How long after a device's TCP session closed offline waits for a reconnect, so a device
    /// that reconnects at once (or moves to another gateway) does not flap offline/online.
    public var offlineGraceMs: Int64 = 30_000

    /// The defaults: 3 km/h for 5 minutes, no global speed limit, offline after 10 minutes.
    public init() {}

    /// No device events at all (the pure fence detector's default in tests).
    public static var off: DeviceEventSettings {
        var settings = DeviceEventSettings()
        settings.motion = false
        settings.ignition = false
        settings.offlineAfterMs = 0
        return settings
    }

    /// The limit that applies to `device`; 0 when none does.
    func speedLimit(for device: String) -> Double { deviceSpeedLimits[device] ?? overspeedLimitKmh }
}
