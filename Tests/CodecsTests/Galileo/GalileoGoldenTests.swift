import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every Galileosky capture and checks it as its note says. Packets after the head packet
/// are decoded for the session's device; every packet but Iridium's is acked with its own CRC.
@Suite struct GalileoGoldenTests {
    let codec = GalileoCodec()

    @Test(arguments: Captures.of("galileo"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        switch capture.expectation.check {
        case .framer:
            FramerChecks.verifyFramerCapture(capture, { GalileoFramer() })
        case .downlink:
            let context = SessionContext(deviceId: CaptureChecks.encoderDeviceId)
            #expect(try codec.encode(try #require(Command.from(capture)), context: context) == capture.bytes)
        default:
            let options = capture.expectation.decoderOptions
            let context = DecodeContext(deviceId: "123456789012345", options: options, receivedAtMs: GoldenCheck.receivedAtMs)
            let outcome = Result { try codec.decode(capture.bytes, context: context) }
            GoldenCheck.verify(outcome, capture)
            if case .success(let decoded) = outcome { CaptureEvents.verify(decoded, capture) }
            let examination = codec.examine(capture.bytes, context: SessionContext(options: options))
            let iridium = capture.payload.hasPrefix("01") && capture.payload.dropFirst(6).hasPrefix("01001c")
            #expect(examination.reply == (iridium ? nil : [capture.bytes[0] == 0x07 ? 0x07 : 0x02] + capture.bytes.suffix(2)), "\(capture)")
            #expect(examination.problem == nil, "\(capture)")
        }
    }
}
