import TrackwireProtocol

/// Splits one device's fixes (valid, in fix-time order) into stops and trips.
///
/// A stop is a run of fixes, each at or below the speed threshold and within the stop radius of the
/// run's first fix, spanning at least the minimal stop duration; a parked device that goes silent
/// and reports again from the same place is still in its stop. A trip is the movement between
/// stops: from a stop's last fix to the next stop's first fix (or the range's ends), split where the
/// device was silent longer than `maxGapS`, and kept when it covers `minTripDistanceM` or lasts
/// `minTripS`.
struct MotionSegmenter {
    var settings: ReportSettings

    /// Index ranges into the fixes given to `segment`.
    struct Segments: Equatable {
        var stops: [ClosedRange<Int>] = []
        var trips: [ClosedRange<Int>] = []
    }

    func segment(_ fixes: [Position]) -> Segments {
        let stops = findStops(fixes)
        var trips: [ClosedRange<Int>] = []
        var start = 0
        for stop in stops + [fixes.count...fixes.count] {
            let end = min(stop.lowerBound, fixes.count - 1)
            if end > start { trips += splitAtGaps(start...end, fixes).filter { isTrip($0, fixes) } }
            start = stop.upperBound
        }
        return Segments(stops: stops, trips: trips)
    }

    private func findStops(_ fixes: [Position]) -> [ClosedRange<Int>] {
        var stops: [ClosedRange<Int>] = []
        var anchor = 0
        while anchor < fixes.count {
            guard isStill(fixes[anchor]) else { anchor += 1; continue }
            var last = anchor
            while last + 1 < fixes.count, isStill(fixes[last + 1]), fixes[anchor].distanceM(to: fixes[last + 1]) <= settings.stopRadiusM {
                last += 1
            }
            if fixes[anchor].seconds(to: fixes[last]) >= settings.minStopS, last > anchor {
                stops.append(anchor...last)
                anchor = last + 1
            } else {
                anchor += 1
            }
        }
        return stops
    }

    private func splitAtGaps(_ range: ClosedRange<Int>, _ fixes: [Position]) -> [ClosedRange<Int>] {
        var parts: [ClosedRange<Int>] = []
        var start = range.lowerBound
        for index in range.dropFirst() where fixes[index - 1].seconds(to: fixes[index]) > settings.maxGapS {
            parts.append(start...(index - 1))
            start = index
        }
        parts.append(start...range.upperBound)
        return parts.filter { $0.count >= 2 }
    }

    private func isTrip(_ range: ClosedRange<Int>, _ fixes: [Position]) -> Bool {
        PathMetrics(fixes[range]).distanceM >= settings.minTripDistanceM
            || fixes[range.lowerBound].seconds(to: fixes[range.upperBound]) >= settings.minTripS
    }

    private func isStill(_ fix: Position) -> Bool { fix.speedKmh <= settings.speedThresholdKmh }
}
