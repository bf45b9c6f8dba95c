/// Which position filters run and their limits, named after Traccar's `filter.*` keys
/// (docs/filters.md). Every filter is off by default, as in Traccar: a fix is filtered only by
/// what the operator turned on.
public struct FilterSettings: Sendable, Equatable {
    /// `filter.invalid`: fixes the device marked invalid, or with impossible coordinates.
    public var invalid = false
    /// `filter.zero`: fixes at exactly 0°, 0°.
    public var zero = false
    /// `filter.duplicate`: a fix with the device's last accepted fix time and no attribute that
    /// fix did not have.
    public var duplicate = false
    /// `filter.outdated`: a fix older than the device's last accepted one (late or replayed).
    public var outdated = false
    /// `filter.future`: fixes more than this many ms ahead of the server clock; 0 is off.
    public var futureMs: Int64 = 0
    /// `filter.past`: fixes more than this many ms behind the server clock; 0 is off.
    public var pastMs: Int64 = 0
    /// `filter.accuracy`: fixes whose `accuracy` attribute exceeds this many metres; 0 is off.
    public var accuracyM: Double = 0
    /// `filter.approximate`: fixes with `approximate=true` (cell or Wi-Fi locations).
    public var approximate = false
    /// `filter.distance`: fixes closer than this many metres to the last accepted one; 0 is off.
    public var distanceM: Double = 0
    /// `filter.maxSpeed`: fixes implying a speed above this (km/h) from the last accepted one
    /// (GPS jumps); 0 is off.
    public var maxSpeedKmh: Double = 0
    /// `filter.minPeriod`: fixes less than this many ms after the last accepted one; 0 is off.
    public var minPeriodMs: Int64 = 0
    /// `filter.dailyLimit`: at most this many fixes per device per UTC day; 0 is off.
    public var dailyLimit = 0
    /// `filter.skipLimit`: a fix this many ms after the last accepted one passes the filters
    /// that compare with it (duplicate, distance, maxSpeed, minPeriod); 0 is off.
    public var skipLimitMs: Int64 = 0
    /// `filter.skipAttributes`: a fix carrying any of these attributes passes the filters that
    /// compare with the last fix, so an alarm is never thinned out (`alarm`, `result` by default).
    public var skipAttributes = ["alarm", "result"]

    /// Every filter off.
    public init() {}

    /// Whether any filter is on (when none is, positions are not even looked at).
    public var isEnabled: Bool { self != FilterSettings(skipAttributes: skipAttributes, skipLimitMs: skipLimitMs) }

    private init(skipAttributes: [String], skipLimitMs: Int64) {
        self.skipAttributes = skipAttributes
        self.skipLimitMs = skipLimitMs
    }
}

/// Why a position was filtered: the label of `trackwire_filtered_total{reason}` and the
/// `error_type` of its `filtered` record.
public enum FilterReason: String, Sendable, CaseIterable {
    case invalid, zero, duplicate, outdated, future, past, accuracy, approximate, distance
    case maxSpeed = "max_speed"
    case minPeriod = "min_period"
    case dailyLimit = "daily_limit"
}

extension FilterReason {
    /// What the reason means, for the record's sentence.
    public var explanation: String {
        switch self {
        case .invalid: "the device marked the fix invalid, or its coordinates are impossible (filter.invalid)"
        case .zero: "the fix is at 0°, 0° (filter.zero)"
        case .duplicate: "same fix time as the last accepted fix and no new attribute (filter.duplicate)"
        case .outdated: "older than the device's last accepted fix (filter.outdated)"
        case .future: "the fix time is ahead of the server clock by more than --filter-future (filter.future)"
        case .past: "the fix time is behind the server clock by more than --filter-past (filter.past)"
        case .accuracy: "the accuracy attribute exceeds --filter-accuracy (filter.accuracy)"
        case .approximate: "an approximate (cell or Wi-Fi) location (filter.approximate)"
        case .distance: "closer than --filter-distance to the last accepted fix (filter.distance)"
        case .maxSpeed: "reaching it from the last accepted fix needs more than --filter-max-speed (filter.maxSpeed)"
        case .minPeriod: "sooner than --filter-min-period after the last accepted fix (filter.minPeriod)"
        case .dailyLimit: "the device reached --filter-daily-limit fixes today (filter.dailyLimit)"
        }
    }
}
