import TrackwireProtocol

/// The thresholds trips and stops are detected with; every one is a query parameter of the report
/// routes. Defaults follow Traccar's report settings where it has one (minimal parking duration,
/// minimal trip distance and duration, minimal no-data duration); the speed threshold and stop
/// radius are wider than Traccar's motion threshold so GPS jitter at a standstill is not motion.
struct ReportSettings: Equatable, Sendable {
    /// `speed_threshold_kmh`: at or below this a fix counts as standing still.
    var speedThresholdKmh = 5.0
    /// `stop_radius_m`: a stop's fixes stay within this distance of its first fix.
    var stopRadiusM = 100.0
    /// `min_stop_s`: standing still at least this long is a stop (Traccar: minimalParkingDuration).
    var minStopS = 300.0
    /// `min_trip_distance_m`: a trip covers at least this distance... (Traccar: minimalTripDistance)
    var minTripDistanceM = 500.0
    /// `min_trip_s`: ...or lasts at least this long (Traccar: minimalTripDuration).
    var minTripS = 300.0
    /// `max_gap_s`: a silence longer than this while moving ends the trip (Traccar: minimalNoDataDuration),
    /// and ignition time is not counted across it.
    var maxGapS = 3600.0

    init() {}

    /// The settings a query asks for, defaults for the rest; a 400 for out-of-range values.
    init(_ query: APIQuery) throws {
        let day = 86_400.0
        speedThresholdKmh = try query.number("speed_threshold_kmh", default: speedThresholdKmh, in: 0...1000)
        stopRadiusM = try query.number("stop_radius_m", default: stopRadiusM, in: 1...100_000)
        minStopS = try query.number("min_stop_s", default: minStopS, in: 0...day)
        minTripDistanceM = try query.number("min_trip_distance_m", default: minTripDistanceM, in: 0...1_000_000)
        minTripS = try query.number("min_trip_s", default: minTripS, in: 0...day)
        maxGapS = try query.number("max_gap_s", default: maxGapS, in: 1...(30 * day))
    }

    var json: JSONValue {
        .object([
            "speed_threshold_kmh": .double(speedThresholdKmh), "stop_radius_m": .double(stopRadiusM),
            "min_stop_s": .double(minStopS), "min_trip_distance_m": .double(minTripDistanceM),
            "min_trip_s": .double(minTripS), "max_gap_s": .double(maxGapS),
        ])
    }
}
