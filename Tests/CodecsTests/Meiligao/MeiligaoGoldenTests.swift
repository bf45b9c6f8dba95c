import Codecs
import Testing
import TestSupport

/// Walks every Meiligao capture in file order and checks it as its note says; frame-decoder
/// captures are walked by the framer tests.
@Suite struct MeiligaoGoldenTests {
    let codec = MeiligaoCodec()

    @Test(arguments: Captures.of("meiligao").filter { !$0.isFramerTest })
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if try CaptureChecks.verifyDownlink(capture, codec) { return }
        let context = DecodeContext(transport: .tcp, receivedAtMs: CaptureChecks.receivedAtMs)
        guard let decoded = try CaptureChecks.decodeUnlessRefused(capture, { try codec.decode(capture.bytes, context: context) }) else { return }
        CaptureChecks.verify(decoded, capture)
        let examination = codec.examine(capture.bytes, context: SessionContext())
        #expect(examination.deviceId == decoded.deviceId && [nil, "bad_crc", "bad_length"].contains(examination.problem), "\(capture)")
    }
}
