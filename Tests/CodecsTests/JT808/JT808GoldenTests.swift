import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every JT808 capture and checks it as its note says: decoded (with the note's model),
/// examined (the frame names its terminal, integrity problems are only reported) and encoded.
@Suite struct JT808GoldenTests {
    let codec = JT808Codec()

    @Test(arguments: Captures.of("jt808"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        switch capture.expectation.check {
        case .framer:
            return  // walked in JT808FramerTests
        case .downlink:
            let context = SessionContext(deviceId: CaptureChecks.encoderDeviceId, options: capture.listenerOptions)
            #expect(try codec.encode(try #require(Command.from(capture)), context: context) == capture.bytes, "\(capture)")
        default:
            try checkDecode(capture)
        }
    }

    private func checkDecode(_ capture: Capture) throws {
        let options = capture.expectation.decoderOptions
        let examination = codec.examine(capture.bytes, context: SessionContext(options: options, receivedAtMs: GoldenCheck.receivedAtMs))
        #expect(examination.problem == nil || ["bad_crc", "bad_length"].contains(examination.problem), "\(capture)")
        let context = DecodeContext(deviceId: examination.deviceId ?? "123456789012345", options: options, receivedAtMs: GoldenCheck.receivedAtMs)
        let outcome = Result { try codec.decode(capture.bytes, context: context) }
        if case .attribute(let key, let value) = capture.expectation.check, case .string(let text) = value, text.contains("\\u") {
            let position = try #require(try outcome.get().positions.first)
            #expect(CaptureChecks.matches(position.attributes[key], CaptureEvents.unescaped(value)), "\(capture)")
        } else {
            GoldenCheck.verify(outcome, capture)
        }
        guard case .success(let decoded) = outcome else { return }
        CaptureEvents.verify(decoded, capture)
        if capture.kind == "hex" { #expect(decoded.deviceId == examination.deviceId, "\(capture)") }
    }
}
