import TrackwireProtocol

/// What a run of consecutive fixes measures: distance along the fixes, top speed, and engine time.
struct PathMetrics {
    var distanceM = 0.0
    var maxSpeedKmh = 0.0

    init(_ fixes: ArraySlice<Position>) {
        var previous: Position?
        for fix in fixes {
            if let previous { distanceM += previous.distanceM(to: fix) }
            maxSpeedKmh = max(maxSpeedKmh, fix.speedKmh)
            previous = fix
        }
    }

    /// Engine time in seconds over `fixes`: the growth of the `hours` attribute (engine hours, ms)
    /// when the first and last fix carry it; otherwise the time after each fix with `ignition` on,
    /// not counting silences longer than `maxGapS`; `nil` when the fixes say neither.
    static func engineSeconds(_ fixes: ArraySlice<Position>, maxGapS: Double) -> Double? {
        if let first = fixes.first?.attributes["hours"]?.numericValue, let last = fixes.last?.attributes["hours"]?.numericValue {
            return max(0, last - first) / 1000
        }
        guard fixes.contains(where: { $0.attributes["ignition"] != nil }) else { return nil }
        var total = 0.0
        for (fix, next) in zip(fixes, fixes.dropFirst()) where fix.attributes["ignition"] == .bool(true) {
            let gap = fix.seconds(to: next)
            if gap <= maxGapS { total += gap }
        }
        return total
    }
}
