/// Trackwire's one alarm vocabulary (docs/events.md, "Alarms"): what an `evt.<pp>.<device>.alarm`
/// event's `alarm` attribute says, whatever the protocol. Codecs keep Traccar's names in the
/// position's `alarm` attribute (docs/attributes.md), so existing tooling reads positions
/// unchanged; `DeviceEvents.alarm` turns that name into one of these for the event, and keeps the
/// codec's own as `device_alarm`.
public enum Alarm: String, CaseIterable, Sendable {
    case sos, general
    case powerCut = "power_cut", powerRestored = "power_restored", powerOff = "power_off", powerOn = "power_on"
    case lowBattery = "low_battery", lowPower = "low_power"
    case vibration, movement, tow, accident, fall, tamper, removing, door, bonnet, lock, unlock
    case overspeed, lowSpeed = "low_speed", idle, parking
    case geofence, geofenceEnter = "geofence_enter", geofenceExit = "geofence_exit"
    case hardAcceleration = "hard_acceleration", hardBraking = "hard_braking", hardCornering = "hard_cornering"
    case laneChange = "lane_change", fatigueDriving = "fatigue_driving", highRpm = "high_rpm", footBrake = "foot_brake"
    case jamming, gpsAntennaCut = "gps_antenna_cut", fault, temperature, fuelLeak = "fuel_leak"

    /// The alarm a codec's name means: Traccar's names (what every codec here emits) and the
    /// synonyms other tooling uses; `nil` for a name outside the vocabulary.
    public init?(deviceName name: String) {
        if let alarm = Self.byDeviceName[name] ?? Alarm(rawValue: name) {
            self = alarm
        } else {
            return nil
        }
    }

    /// Traccar's `Position.ALARM_*` names and common synonyms, where they differ from the raw value.
    public static let byDeviceName: [String: Alarm] = [
        "powerCut": .powerCut, "powerRestored": .powerRestored, "powerOff": .powerOff, "powerOn": .powerOn,
        "lowBattery": .lowBattery, "lowPower": .lowPower, "lowspeed": .lowSpeed, "lowSpeed": .lowSpeed,
        "fallDown": .fall, "tampering": .tamper, "crash": .accident, "shock": .vibration,
        "geofenceEnter": .geofenceEnter, "geofenceExit": .geofenceExit,
        "hardAcceleration": .hardAcceleration, "hardBraking": .hardBraking, "hardCornering": .hardCornering, "cornering": .hardCornering,
        "laneChange": .laneChange, "fatigueDriving": .fatigueDriving, "highRpm": .highRpm, "footBrake": .footBrake,
        "gpsAntennaCut": .gpsAntennaCut, "fuelLeak": .fuelLeak,
    ]
}
