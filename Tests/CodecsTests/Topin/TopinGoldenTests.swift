import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every Topin capture and checks it as its note says. Traccar's test logs in first, so
/// frames other than the login are decoded for a session device.
@Suite struct TopinGoldenTests {
    let codec = TopinCodec()
    static let sessionImei = "359339075416963"

    @Test(arguments: Captures.of("topin"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        switch capture.expectation.check {
        case .framer:
            return
        case .downlink:
            let command = TextProtoGolden.downlinkCommand(type: "sosNumber", params: capture.expectation.downlinkParams, note: capture.note)
            #expect(try codec.encode(command, context: SessionContext(deviceId: Self.sessionImei)) == capture.bytes)
        default:
            let context = DecodeContext(deviceId: Self.sessionImei, receivedAtMs: GoldenCheck.receivedAtMs)
            let outcome = Result { try codec.decode(capture.bytes, context: context) }
            GoldenCheck.verify(outcome, capture)
            if case .success(let decoded) = outcome { CaptureEvents.verify(decoded, capture) }
        }
    }
}

extension CaptureExpectation {
    /// The parameters of a DOWNLINK note.
    var downlinkParams: [String: String] {
        if case .downlink(_, let params) = check { return params }
        return [:]
    }
}
