import Codecs
import Testing
import TestSupport

/// Walks every watch capture in file order and checks it as its note says.
///
/// Line 634 (a `TK` voice clip, `audio="mock.amr"` from Traccar's mocked media store): Trackwire
/// has no media store, so the clip travels hex-encoded in the `audio` attribute; the test checks
/// that value instead of the mock's file name.
@Suite struct WatchGoldenTests {
    let codec = WatchCodec()

    @Test(arguments: Captures.of("watch"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if try capture.isFramerTest || CaptureChecks.verifyDownlink(capture, codec) { return }
        let decoded = try codec.decode(capture.bytes, context: CaptureChecks.context(for: capture))
        if capture.line == 634 {
            #expect(decoded.positions.first?.attributes["audio"] == .string("2321414d527d5b5d2c2aff"))
        } else {
            CaptureChecks.verify(decoded, capture)
        }
        let examination = codec.examine(capture.bytes, context: SessionContext())
        CaptureChecks.verifyExamination(examination, decoded, capture)
        #expect(NoteReply(capture) != .unspecified, "every watch note states its reply: \(capture)")
        // LEN is no integrity check: the captures whose LEN does not match (7 of them, from several
        // vendors' firmware) are as acceptable as the rest, as in Traccar.
        #expect(examination.problem == nil, "\(capture)")
    }
}
