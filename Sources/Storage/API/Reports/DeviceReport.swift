import TrackwireProtocol

/// Trips, stops and a summary for one device's fixes in a time range: pure, from positions alone.
/// Invalid fixes (`valid == false`) are left out. Record shapes are in docs/api.md "Reports".
struct DeviceReport {
    let device: String
    let settings: ReportSettings
    let fixes: [Position]
    let segments: MotionSegmenter.Segments

    /// `positions` are this device's, in fix-time order.
    init(device: String, positions: [Position], settings: ReportSettings) {
        self.device = device
        self.settings = settings
        fixes = positions.filter(\.valid)
        segments = MotionSegmenter(settings: settings).segment(fixes)
    }

    var trips: [JSONValue] {
        segments.trips.map { range in
            let first = fixes[range.lowerBound], last = fixes[range.upperBound]
            let metrics = PathMetrics(fixes[range])
            let duration = first.seconds(to: last)
            return .object(JSONObject(span(range) + [
                ("start_latitude", .double(first.latitude)), ("start_longitude", .double(first.longitude)),
                ("end_latitude", .double(last.latitude)), ("end_longitude", .double(last.longitude)),
                ("distance_m", .double(metrics.distanceM)), ("max_speed_kmh", .double(metrics.maxSpeedKmh)),
                ("avg_speed_kmh", .double(duration > 0 ? metrics.distanceM / duration * 3.6 : 0)),
            ]))
        }
    }

    var stops: [JSONValue] {
        segments.stops.map { range in
            let anchor = fixes[range.lowerBound]
            return .object(JSONObject(span(range) + [
                ("latitude", .double(anchor.latitude)), ("longitude", .double(anchor.longitude)),
                ("engine_s", engineSeconds(range)),
            ]))
        }
    }

    var summary: JSONValue {
        let tripMetrics = segments.trips.map { PathMetrics(fixes[$0]) }
        let drivingS = segments.trips.reduce(0.0) { $0 + fixes[$1.lowerBound].seconds(to: fixes[$1.upperBound]) }
        let distance = distanceOutsideStops()
        return .object([
            "device_id": .string(device),
            "start_time": .nullable(fixes.first.map { TimeFormat.iso(ms: $0.fixTimeMs) }),
            "end_time": .nullable(fixes.last.map { TimeFormat.iso(ms: $0.fixTimeMs) }),
            "positions": .int(Int64(fixes.count)),
            "distance_m": .double(distance),
            "max_speed_kmh": .double(fixes.map(\.speedKmh).max() ?? 0),
            "avg_speed_kmh": .double(drivingS > 0 ? tripMetrics.reduce(0) { $0 + $1.distanceM } / drivingS * 3.6 : 0),
            "driving_s": .double(drivingS),
            "trips": .int(Int64(segments.trips.count)),
            "stops": .int(Int64(segments.stops.count)),
            "engine_s": fixes.isEmpty ? .null : engineSeconds(0...(fixes.count - 1)),
            "start_odometer_m": fixes.first?.attributes["odometer"]?.numericValue.map(JSONValue.double) ?? .null,
            "end_odometer_m": fixes.last?.attributes["odometer"]?.numericValue.map(JSONValue.double) ?? .null,
        ])
    }

    /// Distance over consecutive fixes, leaving out the jitter inside stops.
    private func distanceOutsideStops() -> Double {
        var inStop = Array(repeating: false, count: fixes.count)
        for stop in segments.stops { for index in stop.dropFirst() { inStop[index] = true } }
        var total = 0.0
        for index in fixes.indices.dropFirst() where !inStop[index] {
            total += fixes[index - 1].distanceM(to: fixes[index])
        }
        return total
    }

    private func engineSeconds(_ range: ClosedRange<Int>) -> JSONValue {
        PathMetrics.engineSeconds(fixes[range], maxGapS: settings.maxGapS).map(JSONValue.double) ?? .null
    }

    /// The members every trip and stop starts with.
    private func span(_ range: ClosedRange<Int>) -> [(String, JSONValue)] {
        let first = fixes[range.lowerBound], last = fixes[range.upperBound]
        return [
            ("device_id", .string(device)),
            ("start_time", .string(TimeFormat.iso(ms: first.fixTimeMs))), ("start_time_ms", .int(first.fixTimeMs)),
            ("end_time", .string(TimeFormat.iso(ms: last.fixTimeMs))), ("end_time_ms", .int(last.fixTimeMs)),
            ("duration_s", .double(first.seconds(to: last))), ("positions", .int(Int64(range.count))),
        ]
    }
}
