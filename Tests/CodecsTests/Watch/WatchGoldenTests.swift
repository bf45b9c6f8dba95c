import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every watch capture in file order and checks it as its note says.
///
/// Line 634 (a `TK` voice clip, `audio="mock.amr"` from Traccar's mocked media store): Trackwire
/// has no media store, so the clip travels hex-encoded in the `audio` attribute; the test checks
/// that value instead of the mock's file name.
@Suite struct WatchGoldenTests {
    let codec = WatchCodec()

    @Test(arguments: Captures.of("watch"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if capture.isFramerTest { return }  // WatchFramerTests
        if let command = Command.from(capture) {
            let encoded = try codec.encode(command, context: SessionContext(deviceId: CaptureChecks.encoderDeviceId))
            #expect(encoded == capture.bytes, "\(String(decoding: encoded, as: UTF8.self)) for \(capture)")
            return
        }
        let decoded = try codec.decode(capture.bytes, context: CaptureChecks.context(for: capture))
        if capture.line == 634 {
            #expect(decoded.positions.first?.attributes["audio"] == .string("2321414d527d5b5d2c2aff"))
        } else {
            CaptureChecks.verify(decoded, capture)
        }
        verifyExamination(capture, decoded: decoded)
    }

    /// The id is found, the reply is the note's, and LEN mismatches are flagged as the note derives.
    private func verifyExamination(_ capture: Capture, decoded: Decoded) {
        let examination = codec.examine(capture.bytes, context: SessionContext())
        #expect(examination.deviceId != nil && examination.deviceId == decoded.deviceId, "\(capture)")
        switch NoteReply(capture) {
        case .none: #expect(examination.reply == nil, "\(capture)")
        case .bytes(let reply): #expect(examination.reply == reply, "\(capture)")
        case .unspecified: Issue.record("no reply stated for \(capture)")
        }
        let lengthOK = !capture.note.contains("does NOT match")
        #expect(examination.problem == (lengthOK ? nil : "bad_length"), "\(capture)")
    }
}
