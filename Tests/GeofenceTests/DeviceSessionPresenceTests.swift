import Foundation
import Testing
import TrackwireProtocol
@testable import Geofence

/// Presence from the gateway's `ses.*` records: online at login, offline after a TCP disconnect
/// once `offlineGraceMs` passed without a reconnect.
@Suite struct DeviceSessionPresenceTests {
    static let t0: Int64 = 1_750_000_000_000

    static func record(_ state: SessionState, atMs: Int64, session: UInt64 = 1, transport: Transport = .tcp, gateway: String = "gw-1") -> Session {
        Session.with {
            $0.deviceID = "dev-1"
            $0.gatewayID = gateway
            $0.sessionID = session
            $0.state = state
            $0.transport = transport
            $0.timeNs = atMs * 1_000_000
            $0.reason = state == .online ? "identified" : "closed"
        }
    }

    static func detector() -> DeviceEventDetector {
        var settings = DeviceEventSettings()
        settings.offlineAfterMs = 600_000
        settings.offlineGraceMs = 30_000
        return DeviceEventDetector(settings: settings)
    }

    @Test func login_raisesOnline_andADisconnectRaisesOfflineAfterTheGrace_timedAtTheDisconnect() {
        var detector = Self.detector()
        let online = detector.session(Self.record(.online, atMs: Self.t0))
        #expect(online.map(\.id) == ["dev-1/-/online/\(Self.t0)"])
        #expect(online.first?.attributes["gateway"]?.stringValue == "gw-1")
        #expect(detector.session(Self.record(.offline, atMs: Self.t0 + 5000)).isEmpty)
        #expect(detector.tick(nowMs: Self.t0 + 34_000).isEmpty, "still inside the grace")
        let offline = detector.tick(nowMs: Self.t0 + 35_000)
        #expect(offline.map(\.id) == ["dev-1/-/offline/\(Self.t0 + 5000)"])
        #expect(offline.first?.attributes["reason"]?.stringValue == "disconnected")
        #expect(offline.first?.attributes["session_reason"]?.stringValue == "closed")
        #expect(detector.tick(nowMs: Self.t0 + 700_000).isEmpty, "offline once")
    }

    @Test func aReconnectWithinTheGrace_raisesNeitherOfflineNorASecondOnline() {
        var detector = Self.detector()
        _ = detector.session(Self.record(.online, atMs: Self.t0))
        _ = detector.session(Self.record(.offline, atMs: Self.t0 + 1000))
        #expect(detector.session(Self.record(.online, atMs: Self.t0 + 3000, session: 2)).isEmpty)
        #expect(detector.tick(nowMs: Self.t0 + 60_000).isEmpty)
    }

    @Test func theOldSessionClosingAfterTheNewOneOpened_isNotADisconnect() {
        var detector = Self.detector()
        _ = detector.session(Self.record(.online, atMs: Self.t0, session: 1, gateway: "gw-1"))
        _ = detector.session(Self.record(.online, atMs: Self.t0 + 1000, session: 7, gateway: "gw-2"))
        _ = detector.session(Self.record(.offline, atMs: Self.t0 + 2000, session: 1, gateway: "gw-1"))
        #expect(detector.tick(nowMs: Self.t0 + 60_000).isEmpty)
    }

    @Test func dataNewerThanTheDisconnect_cancelsTheOffline() {
        var detector = Self.detector()
        _ = detector.session(Self.record(.online, atMs: Self.t0))
        _ = detector.session(Self.record(.offline, atMs: Self.t0 + 1000))
        _ = detector.process(PositionRow(Position.with {
            $0.deviceID = "dev-1"
            $0.fixTimeMs = Self.t0 + 2000
            $0.serverTimeNs = (Self.t0 + 2000) * 1_000_000
            $0.valid = true
        }))
        #expect(detector.tick(nowMs: Self.t0 + 60_000).isEmpty)
    }

    @Test func udpAndHTTPSessionEnds_leaveOfflineToOfflineAfter() {
        var detector = Self.detector()
        for transport in [Transport.udp, .http] {
            detector.devices = [:]
            #expect(detector.session(Self.record(.online, atMs: Self.t0, transport: transport)).map(\.kind) == [.deviceOnline])
            _ = detector.session(Self.record(.offline, atMs: Self.t0 + 1000, transport: transport))
            #expect(detector.tick(nowMs: Self.t0 + 60_000).isEmpty)
            #expect(detector.tick(nowMs: Self.t0 + 600_000).map(\.id) == ["dev-1/-/offline/\(Self.t0 + 600_000)"])
        }
    }

    @Test func aDisconnectSurvivesASnapshot() throws {
        var detector = Self.detector()
        _ = detector.session(Self.record(.online, atMs: Self.t0))
        _ = detector.session(Self.record(.offline, atMs: Self.t0 + 1000))
        let snapshot = try JSONDecoder().decode([String: DeviceStatus].self, from: JSONEncoder().encode(detector.devices))
        var restored = DeviceEventDetector(settings: detector.settings, devices: snapshot)
        #expect(restored.tick(nowMs: Self.t0 + 31_000).map(\.id) == ["dev-1/-/offline/\(Self.t0 + 1000)"])
    }

    @Test func aTickLateEnoughForBothRules_raisesTheOfflineDueFirst_theDisconnect() {
        var detector = Self.detector()
        _ = detector.session(Self.record(.online, atMs: Self.t0))
        _ = detector.session(Self.record(.offline, atMs: Self.t0 + 1000))
        // A stage that was down for an hour: both rules are due, the disconnect was due first.
        #expect(detector.tick(nowMs: Self.t0 + 3_600_000).map(\.id) == ["dev-1/-/offline/\(Self.t0 + 1000)"])
    }
}
