import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Asserts what a capture's note expects of a decode result, the way Traccar's test helpers do.
/// Shared by the Teltonika and OsmAnd golden tests.
enum GoldenCheck {
    /// The receive time golden tests pass to decoders.
    static let receivedAtMs: Int64 = 1_700_000_000_000

    /// The transport a capture was recorded on.
    static func transport(of capture: Capture) -> Transport {
        switch capture.transport {
        case "udp": .udp
        case "http": .http
        default: .tcp
        }
    }

    /// Checks a decode outcome against the capture's expectation. A thrown `unidentified` or
    /// `unsupported` counts as "returned nothing" (Traccar's decoders return null without a session
    /// or for a message they skip; ours say why, so the decoder can reject it visibly).
    static func verify(_ outcome: Result<Decoded, any Error>, _ capture: Capture) {
        let expectation = capture.expectation
        if case .failure(let error as DecodeError) = outcome, ["unidentified", "unsupported"].contains(error.errorType), expectation.check == .null {
            return
        }
        guard case .success(let decoded) = outcome else {
            Issue.record("\(capture): decode threw \(outcome)")
            return
        }
        verify(decoded, expectation, capture)
    }

    private static func verify(_ decoded: Decoded, _ expectation: CaptureExpectation, _ capture: Capture) {
        let positions = decoded.positions
        switch expectation.check {
        case .null:
            #expect(positions.isEmpty, "\(capture)")
        case .notNull:
            // Traccar's non-null: a decode that did not throw, naming its device or giving positions.
            #expect(!positions.isEmpty || decoded.deviceId != nil, "\(capture)")
        case .position:
            #expect(positions.count == 1, "\(capture)")
            positions.forEach { checkSane($0, capture) }
            if let position = positions.first { checkExact(position, expectation, capture) }
        case .positions(let located):
            #expect(!positions.isEmpty, "\(capture)")
            if located { positions.forEach { checkSane($0, capture) } }
        case .attributes:
            #expect(!(positions.first?.attributes.isEmpty ?? true), "\(capture)")
        case .attribute(let key, let value):
            checkAttribute(positions.first?.attributes[key], value, key: key, capture)
        case .framer, .downlink, .unknown:
            Issue.record("\(capture): not a decoder capture")
        }
    }

    /// Traccar's sanity checks: on the globe, a time after 2000, speed and course in range.
    static func checkSane(_ position: Position, _ capture: Capture) {
        #expect(Coordinates.isOnGlobe(latitude: position.latitude, longitude: position.longitude), "\(capture)")
        #expect(position.fixTimeMs > 946_684_800_000, "\(capture): time \(position.fixTimeMs)")
        #expect(position.speedKmh >= 0 && position.courseDeg >= 0 && position.courseDeg <= 360, "\(capture)")
        #expect(!position.deviceID.isEmpty && !position.protocol.isEmpty, "\(capture)")
    }

    private static func checkExact(_ position: Position, _ expectation: CaptureExpectation, _ capture: Capture) {
        if let time = expectation.timeMs { #expect(position.fixTimeMs == time, "\(capture)") }
        if let valid = expectation.valid { #expect(position.valid == valid, "\(capture)") }
        if let lat = expectation.latitude { #expect(abs(position.latitude - lat) < 1e-5, "\(capture)") }
        if let lon = expectation.longitude { #expect(abs(position.longitude - lon) < 1e-5, "\(capture)") }
    }

    private static func checkAttribute(
        _ actual: AttributeValue?, _ expected: CaptureExpectation.AttributeExpectation, key: String, _ capture: Capture
    ) {
        switch (expected, actual?.kind) {
        case (.int(let e), .intValue(let a)?): #expect(a == e, "\(capture): \(key)")
        case (.double(let e), .doubleValue(let a)?): #expect(abs(a - e) < 1e-9, "\(capture): \(key)")
        case (.bool(let e), .boolValue(let a)?): #expect(a == e, "\(capture): \(key)")
        case (.string(let e), .stringValue(let a)?): #expect(a == e, "\(capture): \(key)")
        default: Issue.record("\(capture): \(key) expected \(expected), got \(String(describing: actual))")
        }
    }
}
