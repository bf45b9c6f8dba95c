import Codecs
import Testing
import TestSupport

/// Walks every Meitrack capture in file order and checks it as its note says.
@Suite struct MeitrackGoldenTests {
    let codec = MeitrackCodec()

    @Test(arguments: Captures.of("meitrack"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if try capture.isFramerTest || CaptureChecks.verifyDownlink(capture, codec) { return }
        let decoded = try codec.decode(capture.bytes, context: CaptureChecks.context(for: capture))
        CaptureChecks.verify(decoded, capture)
        let examination = codec.examine(capture.bytes, context: SessionContext())
        CaptureChecks.verifyExamination(examination, decoded, capture)
        let problem = capture.note.contains("checksum MISMATCH") ? "bad_checksum"
            : capture.note.contains("consistent") ? nil : "bad_length"
        #expect(examination.problem == problem, "\(capture)")
    }
}
