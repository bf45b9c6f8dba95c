import Foundation
import TrackwireProtocol

/// The position filters' pure core (docs/filters.md): one fix and the server time in, a reason
/// to filter it out or `nil`. Keeps, per device, the last fix it accepted and the day's count;
/// the filters that compare with that fix see what this decoder accepted (docs/architecture.md).
public struct PositionFilter: Sendable {
    /// The filters in force.
    public let settings: FilterSettings
    /// At most this many devices are remembered; past it the least recently heard is forgotten.
    public let deviceLimit: Int
    private var devices: [String: DeviceFilterState] = [:]
    private var tick: UInt64 = 0

    /// A filter core.
    public init(settings: FilterSettings, deviceLimit: Int = 100_000) {
        self.settings = settings
        self.deviceLimit = max(1, deviceLimit)
    }

    /// Why `position` is filtered, or `nil` when it is accepted (and becomes the device's last fix).
    public mutating func check(_ position: Position, nowMs: Int64) -> FilterReason? {
        guard settings.isEnabled else { return nil }
        if let reason = standalone(position, nowMs: nowMs) { return reason }
        tick &+= 1
        var state = devices[position.deviceID] ?? DeviceFilterState()
        state.heard = tick
        if let reason = compared(position, with: state) {
            devices[position.deviceID] = state
            return reason
        }
        state.accept(position)
        devices[position.deviceID] = state
        if devices.count > deviceLimit { forgetOldest() }
        return nil
    }

    /// The filters that need nothing but the fix and the clock.
    private func standalone(_ position: Position, nowMs: Int64) -> FilterReason? {
        // Zero first: codecs mark a fix at 0°, 0° invalid too, and `zero` says more.
        if settings.zero, position.latitude == 0, position.longitude == 0 { return .zero }
        if settings.invalid, !position.valid || !Self.plausible(position) { return .invalid }
        if settings.futureMs > 0, position.fixTimeMs > nowMs + settings.futureMs { return .future }
        if settings.pastMs > 0, position.fixTimeMs < nowMs - settings.pastMs { return .past }
        if settings.accuracyM > 0, let accuracy = position.attributes["accuracy"]?.numericValue, accuracy > settings.accuracyM { return .accuracy }
        if settings.approximate, position.attributes["approximate"]?.boolValue == true { return .approximate }
        return nil
    }

    /// The filters that compare with the device's last accepted fix.
    private func compared(_ position: Position, with state: DeviceFilterState) -> FilterReason? {
        guard let last = state.last else { return nil }
        if settings.outdated, position.fixTimeMs < last.fixTimeMs { return .outdated }
        if skips(position, after: last) { return dailyLimit(position, state) }
        if settings.duplicate, position.fixTimeMs == last.fixTimeMs, Set(position.attributes.keys).isSubset(of: last.attributeKeys) {
            return .duplicate
        }
        let metres = Self.distance(last.latitude, last.longitude, position.latitude, position.longitude)
        if settings.distanceM > 0, metres < settings.distanceM { return .distance }
        let elapsedMs = position.fixTimeMs - last.fixTimeMs
        if settings.maxSpeedKmh > 0, elapsedMs > 0, metres / (Double(elapsedMs) / 1000) * 3.6 > settings.maxSpeedKmh { return .maxSpeed }
        if settings.minPeriodMs > 0, elapsedMs < settings.minPeriodMs { return .minPeriod }
        return dailyLimit(position, state)
    }

    /// Whether `skipLimit` or `skipAttributes` lets the fix past the comparing filters.
    private func skips(_ position: Position, after last: DeviceFilterState.LastFix) -> Bool {
        if settings.skipLimitMs > 0, position.fixTimeMs - last.fixTimeMs > settings.skipLimitMs { return true }
        return settings.skipAttributes.contains { position.attributes[$0] != nil }
    }

    private func dailyLimit(_ position: Position, _ state: DeviceFilterState) -> FilterReason? {
        guard settings.dailyLimit > 0 else { return nil }
        return state.count(onDayOf: position.fixTimeMs) >= settings.dailyLimit ? .dailyLimit : nil
    }

    private mutating func forgetOldest() {
        // Rare (once per new device past the limit): drop the tenth heard longest ago.
        let cut = devices.values.map(\.heard).sorted()[devices.count / 10]
        devices = devices.filter { $0.value.heard > cut }
    }

    static func plausible(_ position: Position) -> Bool {
        position.latitude.isFinite && position.longitude.isFinite && abs(position.latitude) <= 90 && abs(position.longitude) <= 180
    }

    /// Great-circle distance in metres (haversine on the mean sphere): ample for filtering.
    static func distance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radians = Double.pi / 180
        let dLat = (lat2 - lat1) * radians, dLon = (lon2 - lon1) * radians
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * radians) * cos(lat2 * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6_371_008.8 * asin(min(1, a.squareRoot()))
    }
}

/// What the filters remember of one device.
struct DeviceFilterState: Sendable {
    struct LastFix: Sendable {
        var fixTimeMs: Int64
        var latitude: Double
        var longitude: Double
        var attributeKeys: Set<String>
    }

    var last: LastFix?
    var day: Int64 = .min
    var dayCount = 0
    var heard: UInt64 = 0

    func count(onDayOf fixTimeMs: Int64) -> Int { Self.day(of: fixTimeMs) == day ? dayCount : 0 }

    mutating func accept(_ position: Position) {
        last = LastFix(fixTimeMs: position.fixTimeMs, latitude: position.latitude, longitude: position.longitude,
                       attributeKeys: Set(position.attributes.keys))
        let today = Self.day(of: position.fixTimeMs)
        dayCount = today == day ? dayCount + 1 : 1
        day = today
    }

    static func day(of ms: Int64) -> Int64 { ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000 }
}
