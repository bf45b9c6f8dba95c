import Foundation
import Testing
import TrackwireProtocol
@testable import Geofence

/// The state machine, one position at a time, with no I/O.
@Suite struct GeofenceDetectorTests {
    /// A 0.01° square (≈ 1.1 km) whose west edge is longitude 10.0.
    static let zone = Fence(
        id: "zone", name: "Zone",
        shape: .polygons([Polygon(outer: ring([(50, 10), (50, 10.01), (50.01, 10.01), (50.01, 10)])!)]),
        speedLimitKmh: 50, dwellSeconds: 60
    )
    static let start: Int64 = 1_700_000_000_000

    func detector(_ settings: DetectionSettings = .init(), fences: [Fence] = [zone]) -> GeofenceDetector {
        GeofenceDetector(fences: FenceIndex(fences), settings: settings)
    }

    /// A fix at `longitude` on latitude 50.005 (inside the zone for 10.0 < longitude < 10.01).
    func fix(_ second: Int, _ longitude: Double, speed: Double = 30, device: String = "car", valid: Bool = true) -> Position {
        Position.with {
            $0.deviceID = device
            $0.fixTimeMs = Self.start + Int64(second) * 1000
            $0.latitude = 50.005
            $0.longitude = longitude
            $0.speedKmh = speed
            $0.valid = valid
        }
    }

    func kinds(_ detector: inout GeofenceDetector, _ fixes: [Position]) -> [String] {
        fixes.flatMap { detector.process($0).events.map(\.kind.topicName) }
    }

    @Test func jitterAtTheBoundary_raisesOneEnterNotTen() {
        var detector = detector()
        // Approach, then twenty fixes alternating a few metres either side of the west edge, then in.
        var fixes = [fix(0, 9.99)]
        for step in 1...20 { fixes.append(fix(step, step % 2 == 0 ? 9.99998 : 10.00002)) }
        fixes += [fix(21, 10.001), fix(22, 10.002), fix(23, 10.003)]
        #expect(kinds(&detector, fixes) == ["enter"])
    }

    @Test func enterAndExit_carryFenceAndDeterministicIDs() throws {
        var detector = detector()
        let events = [fix(0, 9.99), fix(1, 10.001), fix(2, 10.002), fix(3, 10.02), fix(4, 10.03)].flatMap { detector.process($0).events }
        #expect(events.map(\.kind) == [.geofenceEnter, .geofenceExit])
        let enter = try #require(events.first)
        #expect(enter.geofenceID == "zone")
        #expect(enter.source == "geofence")
        #expect(enter.id == "car/zone/enter/\(Self.start + 2000)")
        #expect(enter.timeMs == Self.start + 2000)
        #expect(enter.attributes["since_ms"]?.intValue == Self.start + 1000)
        #expect(enter.attributes["fence_name"]?.stringValue == "Zone")
        #expect(enter.position.longitude == 10.002)
        // The same fixes through a fresh detector raise the same ids: replays do not duplicate.
        var again = self.detector()
        let replayed = [fix(0, 9.99), fix(1, 10.001), fix(2, 10.002), fix(3, 10.02), fix(4, 10.03)].flatMap { again.process($0).events }
        #expect(replayed.map(\.id) == events.map(\.id))
    }

    @Test func minimumDuration_holdsTheTransitionUntilEnoughTimePassed() {
        var detector = detector(DetectionSettings(minimumFixes: 2, minimumDurationMs: 5_000))
        #expect(kinds(&detector, [fix(0, 9.99), fix(1, 10.001), fix(2, 10.001), fix(5, 10.001)]).isEmpty)
        #expect(kinds(&detector, [fix(6, 10.001)]) == ["enter"])
    }

    @Test func olderFix_neverFlipsState() {
        var detector = detector()
        #expect(kinds(&detector, [fix(10, 10.001), fix(11, 10.002)]) == ["enter"])
        // Late fixes from outside (a device flushing its buffer out of order) change nothing.
        let late = [fix(3, 9.98), fix(4, 9.98), fix(11, 9.98)]
        for position in late { #expect(detector.process(position).skipped == .stale) }
        #expect(kinds(&detector, [fix(12, 10.003), fix(13, 10.02), fix(14, 10.02)]) == ["exit"])
    }

    @Test func invalidFix_isIgnoredForLocation() {
        var detector = detector()
        #expect(detector.process(fix(0, 10.001, valid: false)).skipped == .invalid)
        #expect(kinds(&detector, [fix(1, 10.001, valid: false), fix(2, 10.001, valid: false)]).isEmpty)
    }

    @Test func dwell_raisedOnceAfterDwellSecondsInside() {
        var detector = detector()
        let fixes = [fix(0, 10.001), fix(1, 10.001), fix(30, 10.002), fix(61, 10.002), fix(62, 10.003), fix(200, 10.004)]
        #expect(kinds(&detector, fixes) == ["enter", "dwell"])
    }

    @Test func cross_whenASegmentPassesThroughWithNoFixInside() throws {
        var detector = detector()
        let events = [fix(0, 9.98), fix(60, 10.03)].flatMap { detector.process($0).events }
        #expect(events.map(\.kind) == [.geofenceCross])
        #expect(events.first?.attributes["from_ms"]?.intValue == Self.start)
        // Passing by outside is not a cross.
        var other = self.detector()
        #expect(kinds(&other, [fix(0, 9.98), fix(60, 9.99)]).isEmpty)
    }

    @Test func cross_notClaimedForAStepLongerThanTheMaximum() {
        var detector = detector(DetectionSettings(crossMaximumMetres: 1_000))
        // 9.98 → 10.03 is about 3.6 km: too long a step to say which way the device went.
        #expect(kinds(&detector, [fix(0, 9.98), fix(60, 10.03)]).isEmpty)
    }

    @Test func overspeed_needsTheMinimumDurationAboveTheLimit() {
        var detector = detector(DetectionSettings(minimumFixes: 1, overspeedDurationMs: 10_000))
        let fixes = [
            fix(0, 10.001, speed: 40), fix(1, 10.001, speed: 70), fix(5, 10.001, speed: 70), fix(6, 10.001, speed: 40),  // too short
            fix(7, 10.002, speed: 80), fix(12, 10.003, speed: 80), fix(17, 10.004, speed: 90), fix(20, 10.005, speed: 90),
        ]
        #expect(kinds(&detector, fixes) == ["enter", "overspeed"])
        let last = detector.process(fix(40, 10.006, speed: 90))
        #expect(last.events.isEmpty, "one event per episode")
    }

    @Test func detectList_limitsWhatIsRaised() {
        var quiet = Self.zone
        quiet.detections = [.exit]
        var detector = detector(fences: [quiet])
        #expect(kinds(&detector, [fix(0, 10.001), fix(1, 10.001), fix(2, 10.02), fix(3, 10.02)]) == ["exit"])
    }

    @Test func deletedFence_dropsItsState() throws {
        var detector = detector()
        _ = kinds(&detector, [fix(0, 10.001), fix(1, 10.001)])
        #expect(detector.state.devices["car"]?.visits["zone"]?.inside == true)
        try detector.apply(GeofenceChange.with { $0.op = .delete; $0.geofence.id = "zone" })
        #expect(kinds(&detector, [fix(2, 10.02), fix(3, 10.02)]).isEmpty)
        #expect(detector.state.devices["car"]?.visits.isEmpty == true)
    }

    @Test func restoredState_doesNotEnterAgain() throws {
        var first = detector()
        #expect(kinds(&first, [fix(0, 10.001), fix(1, 10.001)]) == ["enter"])
        let saved = try JSONDecoder().decode(DetectorState.self, from: JSONEncoder().encode(first.state))
        var restarted = GeofenceDetector(fences: FenceIndex([Self.zone]), state: saved)
        #expect(kinds(&restarted, [fix(2, 10.002), fix(3, 10.003), fix(4, 10.02), fix(5, 10.02)]) == ["exit"])
    }

    @Test func change_upsertOlderThanKnown_isIgnored() throws {
        var detector = detector(fences: [])
        let newer = GeofenceChange.with {
            $0.op = .upsert
            $0.geofence.id = "c"
            $0.geofence.geojson = feature(id: "c", geometry: #"{"type":"Point","coordinates":[0,0]}"#, properties: #""radius_m":5"#)
            $0.geofence.updatedMs = 200
        }
        var older = newer
        older.geofence.updatedMs = 100
        older.geofence.name = "old"
        #expect(try detector.apply(newer))
        #expect(try !detector.apply(older))
        #expect(detector.fences["c"]?.name == "c")
        #expect(throws: FenceError.self) { try detector.apply(GeofenceChange.with { $0.op = .upsert; $0.geofence.id = "x"; $0.geofence.geojson = "{" }) }
    }
}
