import Codecs
import Testing
import TestSupport

/// Walks every CalAmp capture and checks it as its note says.
@Suite struct CalAmpGoldenTests {
    let codec = CalAmpCodec()

    @Test(arguments: Captures.of("calamp"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        let context = DecodeContext(transport: .udp, receivedAtMs: CaptureChecks.receivedAtMs)
        guard let decoded = try CaptureChecks.decodeUnlessRefused(capture, { try codec.decode(capture.bytes, context: context) }) else { return }
        CaptureChecks.verify(decoded, capture)
        let examination = codec.examine(capture.bytes, context: SessionContext(transport: .udp))
        #expect(examination.deviceId == decoded.deviceId && examination.problem == nil, "\(capture)")
        #expect(examination.reply?.count == 10 && examination.reply?.prefix(2) == [0x02, 0x01], "every capture asks for an ack: \(capture)")
    }
}
