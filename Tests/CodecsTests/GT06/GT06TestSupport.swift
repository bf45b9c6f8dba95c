import Foundation
import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Shared checks for the GT06 tests.
enum GT06TestSupport {
    /// The IMEI a login capture's note names.
    static func noteIMEI(_ note: String) -> String? {
        guard let range = note.range(of: #"IMEI=(\d+)"#, options: .regularExpression) else { return nil }
        return String(note[range].dropFirst(5))
    }

    /// Traccar's verifyPosition sanity checks.
    static func expectSane(_ position: Position) {
        #expect(Coordinates.isOnGlobe(latitude: position.latitude, longitude: position.longitude))
        #expect(position.fixTimeMs > 946_684_800_000 && position.fixTimeMs < 4_102_444_800_000)
        #expect(position.speedKmh >= 0 && position.courseDeg >= 0 && position.courseDeg <= 360)
        #expect(position.protocol == "gt06" && !position.deviceID.isEmpty)
    }

    static func expectExact(_ position: Position, _ expectation: CaptureExpectation) {
        if let time = expectation.timeMs { #expect(position.fixTimeMs == time) }
        if let valid = expectation.valid { #expect(position.valid == valid) }
        if let latitude = expectation.latitude { #expect(abs(position.latitude - latitude) < 1e-5) }
        if let longitude = expectation.longitude { #expect(abs(position.longitude - longitude) < 1e-5) }
    }

    /// One attribute check. `null` means absent; Traccar's position fields are checked as fields.
    static func expect(_ position: Position, key: String, _ value: CaptureExpectation.AttributeExpectation) {
        let fields = ["altitude": position.altitudeM, "speed": position.speedKmh, "course": position.courseDeg]
        if let field = fields[key], case .double(let expected) = value {
            #expect(abs(field - expected) < 1e-6, "\(key)")
            return
        }
        let actual = position.attributes[key]
        switch value {
        case .string("null"): #expect(actual == nil, "\(key) should be absent")
        case .string(let expected): #expect(actual == .string(expected), "\(key)")
        case .int(let expected): #expect(actual == .int(expected), "\(key): \(String(describing: actual))")
        case .bool(let expected): #expect(actual == .bool(expected), "\(key)")
        case .double(let expected):
            if case .doubleValue(let d)? = actual?.kind {
                #expect(abs(d - expected) < 1e-6, "\(key): \(d) vs \(expected)")
            } else {
                Issue.record("\(key) is not a double: \(String(describing: actual))")
            }
        }
    }
}
