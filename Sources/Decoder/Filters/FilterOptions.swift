import Foundation
import ArgumentParser
import TrackwireRuntime

/// The position filters' flags and `TW_FILTER_*` variables, named after Traccar's `filter.*`
/// keys; every filter is off by default (docs/filters.md lists each).
struct FilterOptions: ParsableArguments {
    @Flag(inversion: .prefixedNo, help: "Filter fixes the device marked invalid or with impossible coordinates (filter.invalid; env TW_FILTER_INVALID).")
    var filterInvalid = EnvironmentDefaults.bool("TW_FILTER_INVALID", false)
    @Flag(inversion: .prefixedNo, help: "Filter fixes at 0°, 0° (filter.zero; env TW_FILTER_ZERO).")
    var filterZero = EnvironmentDefaults.bool("TW_FILTER_ZERO", false)
    @Flag(inversion: .prefixedNo, help: "Filter a fix with the last accepted fix time and no new attribute (filter.duplicate; env TW_FILTER_DUPLICATE).")
    var filterDuplicate = EnvironmentDefaults.bool("TW_FILTER_DUPLICATE", false)
    @Flag(inversion: .prefixedNo, help: "Filter fixes older than the device's last accepted one (filter.outdated; env TW_FILTER_OUTDATED).")
    var filterOutdated = EnvironmentDefaults.bool("TW_FILTER_OUTDATED", false)
    @Option(help: "Filter fixes further ahead of the server clock than this, e.g. 1d; 0 is off (filter.future; env TW_FILTER_FUTURE).")
    var filterFuture = EnvironmentDefaults.string("TW_FILTER_FUTURE", "0")
    @Option(help: "Filter fixes further behind the server clock than this, e.g. 30d; 0 is off (filter.past; env TW_FILTER_PAST).")
    var filterPast = EnvironmentDefaults.string("TW_FILTER_PAST", "0")
    @Option(help: "Filter fixes whose accuracy attribute exceeds this many metres; 0 is off (filter.accuracy; env TW_FILTER_ACCURACY).")
    var filterAccuracy = Double(EnvironmentDefaults.int("TW_FILTER_ACCURACY", 0))
    @Flag(inversion: .prefixedNo, help: "Filter approximate (cell, Wi-Fi) locations (filter.approximate; env TW_FILTER_APPROXIMATE).")
    var filterApproximate = EnvironmentDefaults.bool("TW_FILTER_APPROXIMATE", false)
    @Option(help: "Filter fixes closer than this many metres to the last accepted one; 0 is off (filter.distance; env TW_FILTER_DISTANCE).")
    var filterDistance = Double(EnvironmentDefaults.int("TW_FILTER_DISTANCE", 0))
    @Option(help: "Filter fixes implying more than this many km/h from the last accepted one; 0 is off (filter.maxSpeed; env TW_FILTER_MAX_SPEED).")
    var filterMaxSpeed = Double(EnvironmentDefaults.int("TW_FILTER_MAX_SPEED", 0))
    @Option(help: "Filter fixes sooner than this after the last accepted one, e.g. 5s; 0 is off (filter.minPeriod; env TW_FILTER_MIN_PERIOD).")
    var filterMinPeriod = EnvironmentDefaults.string("TW_FILTER_MIN_PERIOD", "0")
    @Option(help: "At most this many fixes per device per UTC day; 0 is off (filter.dailyLimit; env TW_FILTER_DAILY_LIMIT).")
    var filterDailyLimit = EnvironmentDefaults.int("TW_FILTER_DAILY_LIMIT", 0)
    @Option(help: "A fix this long after the last accepted one skips the comparing filters, e.g. 10m; 0 is off (filter.skipLimit; env TW_FILTER_SKIP_LIMIT).")
    var filterSkipLimit = EnvironmentDefaults.string("TW_FILTER_SKIP_LIMIT", "0")
    @Option(help: "Comma list: a fix with any of these attributes skips the comparing filters (filter.skipAttributes; env TW_FILTER_SKIP_ATTRIBUTES).")
    var filterSkipAttributes = EnvironmentDefaults.string("TW_FILTER_SKIP_ATTRIBUTES", "alarm,result")

    /// The settings, or a `ConfigurationError` naming the flag that is unusable.
    func settings() throws -> FilterSettings {
        var settings = FilterSettings()
        settings.invalid = filterInvalid
        settings.zero = filterZero
        settings.duplicate = filterDuplicate
        settings.outdated = filterOutdated
        settings.approximate = filterApproximate
        settings.futureMs = try Self.milliseconds(filterFuture, flag: "--filter-future", example: "1d")
        settings.pastMs = try Self.milliseconds(filterPast, flag: "--filter-past", example: "30d")
        settings.minPeriodMs = try Self.milliseconds(filterMinPeriod, flag: "--filter-min-period", example: "5s")
        settings.skipLimitMs = try Self.milliseconds(filterSkipLimit, flag: "--filter-skip-limit", example: "10m")
        for (flag, value) in [("--filter-accuracy", filterAccuracy), ("--filter-distance", filterDistance), ("--filter-max-speed", filterMaxSpeed)]
        where !(value >= 0 && value.isFinite) {
            throw ConfigurationError("\(flag) \(value) must be a number of 0 or more")
        }
        guard filterDailyLimit >= 0 else { throw ConfigurationError("--filter-daily-limit \(filterDailyLimit) must be 0 or more") }
        settings.accuracyM = filterAccuracy
        settings.distanceM = filterDistance
        settings.maxSpeedKmh = filterMaxSpeed
        settings.dailyLimit = filterDailyLimit
        settings.skipAttributes = filterSkipAttributes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return settings
    }

    private static func milliseconds(_ text: String, flag: String, example: String) throws -> Int64 {
        try ConfigDuration(text, flag: flag, example: example).milliseconds
    }
}
