import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every Suntech capture in file order and checks it as its note says.
///
/// Line 589 (a `CRR` crash report) comes from a test Traccar disables: its binary body does not
/// hold the four 612-byte crash records Traccar's decoder reads, and the note's `gSensor=""` is a
/// placeholder. It is decoded as a recognised crash-report chunk without positions.
@Suite struct SuntechGoldenTests {
    let codec = SuntechCodec()

    @Test(arguments: Captures.of("suntech"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if capture.isFramerTest { return }  // SuntechFramerTests
        let decode = { try codec.decode(capture.bytes, context: CaptureChecks.context(for: capture)) }
        guard let decoded = try CaptureChecks.decodeUnlessRefused(capture, decode) else { return }
        let examination = codec.examine(capture.bytes, context: SessionContext())
        #expect(examination.reply == nil && examination.problem == nil, "Suntech is never acknowledged: \(capture)")
        #expect(examination.deviceId == decoded.deviceId, "\(capture)")
        #expect(NoteReply(capture) == .none, "\(capture)")
        if capture.expectation.isFromDisabledTest {
            #expect(decoded.kind == .other && decoded.deviceId == "0910000063" && decoded.positions.isEmpty)
            return
        }
        CaptureChecks.verify(decoded, capture)
        if capture.payload != "-Error" { #expect(decoded.deviceId != nil, "\(capture)") }
    }
}
