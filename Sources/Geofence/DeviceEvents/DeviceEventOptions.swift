import ArgumentParser
import Foundation
import TrackwireRuntime

/// The device events' flags and `TW_*` variables (docs/events.md).
struct DeviceEventOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Raise moving and stopped (env TW_MOTION_EVENTS).")
    var motionEvents = EnvironmentDefaults.bool("TW_MOTION_EVENTS", true)
    @Option(help: "Speed at or above which a fix is moving, km/h (env TW_MOTION_SPEED).")
    var motionSpeed = Double(EnvironmentDefaults.string("TW_MOTION_SPEED", "3")) ?? .nan
    @Option(help: "How long a new motion state must last before moving or stopped, e.g. 5m (env TW_MOTION_DURATION).")
    var motionDuration = EnvironmentDefaults.string("TW_MOTION_DURATION", "5m")
    @Flag(inversion: .prefixedNo, help: "Raise ignition_on and ignition_off from the ignition attribute (env TW_IGNITION_EVENTS).")
    var ignitionEvents = EnvironmentDefaults.bool("TW_IGNITION_EVENTS", true)
    @Option(help: "Speed limit for overspeed anywhere, km/h; 0 is off (env TW_OVERSPEED_LIMIT).")
    var overspeedLimit = Double(EnvironmentDefaults.string("TW_OVERSPEED_LIMIT", "0")) ?? .nan
    @Option(help: "Per-device limits, device=kmh,... over --overspeed-limit (env TW_DEVICE_SPEED_LIMITS).")
    var deviceSpeedLimits = EnvironmentDefaults.string("TW_DEVICE_SPEED_LIMITS", "")
    @Option(help: "A device with no data for this long is offline, e.g. 10m; 0 is off (env TW_OFFLINE_AFTER).")
    var offlineAfter = EnvironmentDefaults.string("TW_OFFLINE_AFTER", "10m")
    @Option(help: "After a device's TCP session closed, how long to wait for a reconnect before offline, e.g. 30s (env TW_OFFLINE_GRACE).")
    var offlineGrace = EnvironmentDefaults.string("TW_OFFLINE_GRACE", "30s")

    /// The settings; `overspeedDurationMs` is the stage's `--overspeed-duration`.
    func settings(overspeedDurationMs: Int64) throws -> DeviceEventSettings {
        var settings = DeviceEventSettings()
        settings.motion = motionEvents
        settings.ignition = ignitionEvents
        guard motionSpeed >= 0, motionSpeed.isFinite else { throw ConfigurationError("--motion-speed must be a number of 0 or more") }
        guard overspeedLimit >= 0, overspeedLimit.isFinite else { throw ConfigurationError("--overspeed-limit must be a number of 0 or more") }
        settings.motionSpeedKmh = motionSpeed
        settings.motionDurationMs = try ConfigDuration(motionDuration, flag: "--motion-duration", example: "5m").milliseconds
        settings.overspeedLimitKmh = overspeedLimit
        settings.overspeedDurationMs = overspeedDurationMs
        settings.offlineAfterMs = try ConfigDuration(offlineAfter, flag: "--offline-after", example: "10m").milliseconds
        settings.offlineGraceMs = try ConfigDuration(offlineGrace, flag: "--offline-grace", example: "30s").milliseconds
        for entry in deviceSpeedLimits.split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let limit = Double(parts[1]), limit > 0 else {
                throw ConfigurationError("--device-speed-limits '\(entry)' is not device=kmh with a positive limit")
            }
            settings.deviceSpeedLimits[parts[0]] = limit
        }
        return settings
    }
}
