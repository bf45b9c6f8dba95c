import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every Meitrack capture in file order and checks it as its note says.
@Suite struct MeitrackGoldenTests {
    let codec = MeitrackCodec()

    @Test(arguments: Captures.of("meitrack"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if capture.isFramerTest { return }  // MeitrackFramerTests
        if let command = Command.from(capture) {
            let encoded = try codec.encode(command, context: SessionContext(deviceId: CaptureChecks.encoderDeviceId))
            #expect(encoded == capture.bytes, "\(capture)")
            return
        }
        let decoded = try codec.decode(capture.bytes, context: CaptureChecks.context(for: capture))
        CaptureChecks.verify(decoded, capture)
        verifyExamination(capture, decoded: decoded)
    }

    /// The IMEI is found, the reply is the note's, and integrity problems are the ones it derives.
    private func verifyExamination(_ capture: Capture, decoded: Decoded) {
        let examination = codec.examine(capture.bytes, context: SessionContext())
        #expect(examination.deviceId != nil && examination.deviceId == decoded.deviceId, "\(capture)")
        switch NoteReply(capture) {
        case .none: #expect(examination.reply == nil, "\(capture)")
        case .bytes(let reply): #expect(examination.reply == reply, "\(capture)")
        case .unspecified: break  // photo transfer: MeitrackCodecTests
        }
        let note = capture.note
        let problem = note.contains("checksum MISMATCH") ? "bad_checksum"
            : note.contains("consistent") ? nil : "bad_length"
        #expect(examination.problem == problem, "\(capture)")
    }
}
