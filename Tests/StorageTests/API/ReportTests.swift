import Testing
import TrackwireProtocol
@testable import Storage

@Suite struct ReportTests {
    /// 1/1000 degree of longitude at 52.5° N, metres.
    static let eastStepM = Geodesy.distanceM(latitude1: 52.5, longitude1: 13.0, latitude2: 52.5, longitude2: 13.001)

    /// Parked at A (0–600 s), drives east 0.06° (~4 km) in 20 steps of 30 s at 24 km/h (600–1200 s),
    /// parked at B (1200–2400 s).
    static func day() -> [Position] {
        var fixes: [Position] = []
        for t in stride(from: 0, through: 600, by: 60) { fixes.append(PositionFixtures.fix(t, lat: 52.5, lon: 13.0, speed: 0)) }
        for step in 1...20 { fixes.append(PositionFixtures.fix(600 + step * 30, lat: 52.5, lon: 13.0 + Double(step) * 0.003, speed: 24)) }
        fixes[fixes.count - 1].speedKmh = 0
        for t in stride(from: 1260, through: 2400, by: 60) { fixes.append(PositionFixtures.fix(t, lat: 52.5, lon: 13.06, speed: 0)) }
        return fixes
    }

    private func report(_ fixes: [Position], settings: ReportSettings = ReportSettings()) -> DeviceReport {
        DeviceReport(device: "d1", positions: fixes, settings: settings)
    }

    @Test func day_isTwoStopsAndTheTripBetween() throws {
        let report = report(Self.day())
        #expect(report.stops.map { $0["start_time_ms"] } == [.int(1_714_564_800_000), .int(1_714_564_800_000 + 1_200_000)])
        #expect(report.stops.map { $0["duration_s"] } == [.double(600), .double(1200)])
        let trip = try #require(report.trips.first)
        #expect(report.trips.count == 1)
        #expect(trip["duration_s"] == .double(600) && trip["max_speed_kmh"] == .double(24))
        let distance = try #require(trip["distance_m"]?.number)
        #expect(abs(distance - 60 * Self.eastStepM) < 1)
        #expect(abs((trip["avg_speed_kmh"]?.number ?? 0) - distance / 600 * 3.6) < 1e-9)
        #expect(trip["start_longitude"] == .double(13.0) && trip["end_longitude"] == .double(13.06))
    }

    @Test func summary_countsDrivingDistanceAndSpeeds() throws {
        let summary = report(Self.day()).summary
        #expect(summary["trips"] == .int(1) && summary["stops"] == .int(2) && summary["positions"] == .int(Int64(Self.day().count)))
        #expect(summary["driving_s"] == .double(600) && summary["max_speed_kmh"] == .double(24))
        #expect(abs((summary["distance_m"]?.number ?? 0) - 60 * Self.eastStepM) < 1)
        #expect(summary["engine_s"] == .null && summary["start_odometer_m"] == .null)
    }

    @Test func jitterWhileParked_isOneStopAndNoDistance() {
        let fixes = (0..<20).map { PositionFixtures.fix($0 * 60, lat: 52.5 + Double($0 % 3) * 0.0002, lon: 13.0, speed: Double($0 % 4)) }
        let report = report(fixes)
        #expect(report.stops.count == 1 && report.trips.isEmpty)
        #expect(report.summary["distance_m"] == .double(0))
    }

    @Test func parkedDeviceThatSleeps_staysInItsStop() {
        let fixes = [PositionFixtures.fix(0, lat: 52.5, lon: 13.0, speed: 0), PositionFixtures.fix(8 * 3600, lat: 52.5, lon: 13.0, speed: 0)]
        #expect(report(fixes).stops.map { $0["duration_s"] } == [.double(8 * 3600)])
    }

    @Test func silenceLongerThanMaxGap_splitsTheTrip() {
        let before = (0...20).map { PositionFixtures.fix($0 * 30, lat: 52.5, lon: 13.0 + Double($0) * 0.003, speed: 40) }
        let after = (0...20).map { PositionFixtures.fix(5 * 3600 + $0 * 30, lat: 52.6, lon: 13.0 + Double($0) * 0.003, speed: 40) }
        #expect(report(before + after).trips.count == 2)
        var settings = ReportSettings()
        settings.maxGapS = 6 * 3600
        #expect(report(before + after, settings: settings).trips.count == 1)
    }

    @Test func shortHopBetweenStops_isNotATrip() {
        let here = (0...10).map { PositionFixtures.fix($0 * 60, lat: 52.5, lon: 13.0, speed: 0) }
        let hop = PositionFixtures.fix(630, lat: 52.5, lon: 13.0005, speed: 10)
        let there = (0...10).map { PositionFixtures.fix(660 + $0 * 60, lat: 52.5, lon: 13.001, speed: 0) }
        let report = report(here + [hop] + there)
        #expect(report.stops.count == 2 && report.trips.isEmpty)
    }

    @Test func invalidFixes_areLeftOut() {
        var fixes = Self.day()
        for index in fixes.indices where index % 2 == 0 { fixes[index].valid = false }
        fixes.append(PositionFixtures.fix(3000, lat: 10, lon: 10, speed: 200))
        fixes[fixes.count - 1].valid = false
        #expect(report(fixes).summary["max_speed_kmh"] == .double(24))
    }

    @Test func engineSeconds_countsIgnitionOnTimeOrEngineHours() {
        let on = AttributeValue.bool(true), off = AttributeValue.bool(false)
        let ignition = [
            PositionFixtures.fix(0, lat: 0, lon: 0, speed: 0, attributes: ["ignition": on]),
            PositionFixtures.fix(60, lat: 0, lon: 0, speed: 0, attributes: ["ignition": on]),
            PositionFixtures.fix(120, lat: 0, lon: 0, speed: 0, attributes: ["ignition": off]),
            PositionFixtures.fix(180, lat: 0, lon: 0, speed: 0, attributes: ["ignition": on]),
            PositionFixtures.fix(180 + 7200, lat: 0, lon: 0, speed: 0, attributes: ["ignition": on]),
        ]
        #expect(PathMetrics.engineSeconds(ignition[...], maxGapS: 3600) == 120)
        let hours = [
            PositionFixtures.fix(0, lat: 0, lon: 0, speed: 0, attributes: ["hours": .int(1_000_000), "ignition": off]),
            PositionFixtures.fix(60, lat: 0, lon: 0, speed: 0, attributes: ["hours": .int(1_090_000), "ignition": off]),
        ]
        #expect(PathMetrics.engineSeconds(hours[...], maxGapS: 3600) == 90)
        #expect(PathMetrics.engineSeconds(Self.day()[...], maxGapS: 3600) == nil)
    }

    @Test func settings_readTheQueryAndRefuseNonsense() throws {
        let settings = try ReportSettings(APIQuery([("min_stop_s", "120"), ("speed_threshold_kmh", "2.5")]))
        #expect(settings.minStopS == 120 && settings.speedThresholdKmh == 2.5 && settings.stopRadiusM == 100)
        #expect(throws: APIError.self) { try ReportSettings(APIQuery([("stop_radius_m", "0")])) }
    }

    @Test func haversine_matchesAKnownDistance() {
        // Berlin TV tower to Brandenburg Gate: about 2.3 km.
        let metres = Geodesy.distanceM(latitude1: 52.520_8, longitude1: 13.409_4, latitude2: 52.516_3, longitude2: 13.377_7)
        #expect(abs(metres - 2_200) < 100)
    }
}
