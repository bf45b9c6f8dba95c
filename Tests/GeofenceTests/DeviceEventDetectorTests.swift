import Testing
import TrackwireProtocol
@testable import Geofence

@Suite struct DeviceEventDetectorTests {
    static let t0: Int64 = 1_750_000_000_000

    static func row(_ second: Int, speed: Double = 0, ignition: Bool? = nil, valid: Bool = true, heardAtMs: Int64? = nil) -> PositionRow {
        PositionRow(Position.with {
            $0.deviceID = "dev-1"
            $0.fixTimeMs = t0 + Int64(second) * 1000
            $0.latitude = 52.5
            $0.longitude = 13.4
            $0.speedKmh = speed
            $0.valid = valid
            if let heardAtMs { $0.serverTimeNs = heardAtMs * 1_000_000 }
            if let ignition { $0.attributes["ignition"] = .bool(ignition) }
        })
    }

    static func detector(_ configure: (inout DeviceEventSettings) -> Void = { _ in }) -> DeviceEventDetector {
        var settings = DeviceEventSettings()
        settings.offlineAfterMs = 0
        configure(&settings)
        return DeviceEventDetector(settings: settings)
    }

    @Test func ignition_flips_raiseOnThenOff_andTheFirstValueOnlySetsTheState() {
        var detector = Self.detector()
        let kinds = [false, false, true, true, false].enumerated().flatMap { detector.process(Self.row($0.offset, ignition: $0.element)) }
        #expect(kinds.map(\.kind) == [.ignitionOn, .ignitionOff])
        #expect(kinds.map(\.id) == ["dev-1/-/ignition_on/\(Self.t0 + 2000)", "dev-1/-/ignition_off/\(Self.t0 + 4000)"])
        #expect(kinds[0].position.attributes["ignition"]?.boolValue == true)
    }

    @Test func ignition_inAStatusFixMarkedInvalid_stillCounts() {
        var detector = Self.detector()
        _ = detector.process(Self.row(0, ignition: false, valid: false))
        #expect(detector.process(Self.row(1, ignition: true, valid: false)).map(\.kind) == [.ignitionOn])
    }

    @Test func motion_aStopShorterThanTheDuration_raisesNothing_aLongerOneRaisesStoppedThenMoving() {
        var detector = Self.detector { $0.motionDurationMs = 60_000 }
        var raised: [Event] = []
        // Driving; 30 s at a light; driving; 2 min parked; driving again.
        let speeds: [(Int, Double)] = [(0, 50), (10, 50), (20, 0), (50, 0), (60, 50), (100, 0), (160, 0), (220, 0), (230, 40), (300, 40)]
        for (second, speed) in speeds { raised += detector.process(Self.row(second, speed: speed)) }
        #expect(raised.map(\.kind) == [.deviceStopped, .deviceMoving])
        #expect(raised.map(\.timeMs) == [Self.t0 + 100_000, Self.t0 + 230_000])
    }

    @Test func lateFixes_changeNothing() {
        var detector = Self.detector()
        _ = detector.process(Self.row(10, ignition: false))
        #expect(detector.process(Self.row(5, ignition: true)).isEmpty)
    }

    @Test func overspeed_aboveTheDeviceLimitForTheDuration_raisedOncePerEpisode() {
        var detector = Self.detector { $0.overspeedLimitKmh = 120; $0.deviceSpeedLimits = ["dev-1": 80]; $0.overspeedDurationMs = 5000; $0.motion = false }
        var raised: [Event] = []
        for (second, speed) in [(0, 90.0), (3, 95), (6, 100), (9, 100), (12, 70), (13, 90), (20, 90)] {
            raised += detector.process(Self.row(second, speed: speed))
        }
        #expect(raised.map(\.kind) == [.overspeed, .overspeed])
        #expect(raised.map(\.timeMs) == [Self.t0, Self.t0 + 13_000])
        #expect(raised.first?.attributes["speed_limit_kmh"]?.doubleValue == 80)
    }

    @Test func offline_afterSilence_thenOnlineWhenHeardAgain_eachOnce() {
        var detector = Self.detector { $0.offlineAfterMs = 60_000 }
        #expect(detector.process(Self.row(0, heardAtMs: Self.t0)).map(\.kind) == [.deviceOnline])
        #expect(detector.tick(nowMs: Self.t0 + 59_999).isEmpty)
        let offline = detector.tick(nowMs: Self.t0 + 70_000)
        #expect(offline.map(\.kind) == [.deviceOffline] && offline.first?.timeMs == Self.t0 + 60_000)
        #expect(detector.tick(nowMs: Self.t0 + 80_000).isEmpty, "raised once")
        #expect(detector.process(Self.row(90, heardAtMs: Self.t0 + 90_000)).map(\.kind) == [.deviceOnline])
    }

    @Test func offline_withoutAGatewayReceiveTime_isNeverRaised() {
        var detector = Self.detector { $0.offlineAfterMs = 60_000 }
        #expect(detector.process(Self.row(0)).isEmpty)
        #expect(detector.tick(nowMs: Self.t0 + 600_000).isEmpty)
    }
}

@Suite struct GeofenceTickTests {
    @Test func tick_aDeviceInsideAFence_raisesDwellWithoutAnotherFix_withTheIdAFixWouldHaveRaised() throws {
        let fence = try GeoJSONFence.fence(from: .with {
            $0.id = "yard"
            $0.geojson = feature(id: "yard", geometry: #"{"type":"Point","coordinates":[13.4,52.5]}"#, properties: #""radius_m":100,"dwell_s":60"#)
        })
        var detector = GeofenceDetector(fences: FenceIndex([fence]))
        let t0 = DeviceEventDetectorTests.t0
        for second in [0, 5] { _ = detector.process(DeviceEventDetectorTests.row(second)) }
        #expect(detector.tick(nowMs: t0 + 59_000).isEmpty)
        let dwell = detector.tick(nowMs: t0 + 61_000)
        #expect(dwell.map(\.kind) == [.geofenceDwell])
        #expect(dwell.first?.id == "dev-1/yard/dwell/\(t0 + 60_000)")
        #expect(detector.tick(nowMs: t0 + 62_000).isEmpty, "once per visit")
        #expect(detector.process(DeviceEventDetectorTests.row(70)).events.isEmpty, "a later fix raises no second dwell")
    }

    @Test func tick_aDeviceThatGoesOfflineInsideAFence_exitsIt_timedAtTheOffline_andEntersAgainWhenBack() throws {
        let fence = try GeoJSONFence.fence(from: .with {
            $0.id = "yard"
            $0.geojson = feature(id: "yard", geometry: #"{"type":"Point","coordinates":[13.4,52.5]}"#, properties: #""radius_m":100,"dwell_s":600"#)
        })
        var settings = DeviceEventSettings.off
        settings.offlineAfterMs = 60_000
        var detector = GeofenceDetector(fences: FenceIndex([fence]), deviceEvents: settings)
        let t0 = DeviceEventDetectorTests.t0
        var raised: [Event] = []
        for second in [0, 5] { raised += detector.process(DeviceEventDetectorTests.row(second, heardAtMs: t0 + Int64(second) * 1000)).events }
        #expect(raised.map(\.kind) == [.deviceOnline, .geofenceEnter])
        #expect(detector.tick(nowMs: t0 + 64_000).isEmpty)
        let offline = detector.tick(nowMs: t0 + 66_000)
        #expect(offline.map(\.kind) == [.deviceOffline, .geofenceExit], "no dwell: 600 s were not reached by the offline")
        #expect(offline.last?.id == "dev-1/yard/exit/\(t0 + 65_000)")
        #expect(offline.last?.attributes["cause"]?.stringValue == "offline")
        var restarted = GeofenceDetector(fences: FenceIndex([fence]), state: detector.state, deviceEvents: settings)
        #expect(restarted.tick(nowMs: t0 + 700_000).isEmpty, "a restart from the snapshot raises neither again")
        #expect(detector.tick(nowMs: t0 + 700_000).isEmpty, "the visit is closed: no dwell, no second exit")
        let back = [800, 805].flatMap { detector.process(DeviceEventDetectorTests.row($0, heardAtMs: t0 + Int64($0) * 1000)).events }
        #expect(back.map(\.kind) == [.deviceOnline, .geofenceEnter])
    }
}
