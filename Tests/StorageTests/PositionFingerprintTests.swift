import Testing
import TrackwireProtocol
@testable import Storage

/// What keeps a device's resends out and distinct records sharing a fix time in.
@Suite struct PositionFingerprintTests {
    @Test func fingerprint_ignoresWhatThePipelineAdded() {
        let position = StorageSamples.position(fixTimeMs: 1_000, sequence: 3, session: 1)
        var resent = position
        resent.serverTimeNs += 5_000_000_000
        resent.frame.sessionID = 99
        resent.frame.sequence = 1
        resent.attributes["checksum_ok"] = .bool(false)
        #expect(resent.fingerprint == position.fingerprint)
    }

    @Test func fingerprint_tellsApartRecordsThatShareAFixTime() {
        let periodic = StorageSamples.position(fixTimeMs: 1_000)
        var moved = periodic
        moved.latitude += 0.0001
        var alarm = periodic
        alarm.attributes["alarm"] = .string("power_cut")
        #expect(Set([periodic.fingerprint, moved.fingerprint, alarm.fingerprint]).count == 3)
    }

    @Test func fingerprint_doesNotDependOnAttributeOrder() {
        var a = StorageSamples.position(fixTimeMs: 1)
        a.attributes = ["ignition": .bool(true), "battery": .double(3.9), "io1": .int(1), "odometer": .int(12345)]
        var b = StorageSamples.position(fixTimeMs: 1)
        b.attributes = [:]
        for (key, value) in a.attributes.reversed() { b.attributes[key] = value }
        #expect(a.fingerprint == b.fingerprint)
    }
}
