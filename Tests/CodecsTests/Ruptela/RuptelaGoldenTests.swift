import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every Ruptela capture and checks it as its note says; every packet names its IMEI.
@Suite struct RuptelaGoldenTests {
    let codec = RuptelaCodec()

    @Test(arguments: Captures.of("ruptela"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if case .downlink(let type, let params) = capture.expectation.check {
            // The note's data holds a comma, which only the note's own quoting keeps.
            let command = TextProtoGolden.downlinkCommand(type: type, params: params, note: capture.note)
            #expect(try codec.encode(command, context: SessionContext(deviceId: CaptureChecks.encoderDeviceId)) == capture.bytes)
            return
        }
        let examination = codec.examine(capture.bytes, context: SessionContext())
        let outcome = Result { try codec.decode(capture.bytes, context: DecodeContext(receivedAtMs: GoldenCheck.receivedAtMs)) }
        GoldenCheck.verify(outcome, capture)
        guard case .success(let decoded) = outcome else { return }
        CaptureEvents.verify(decoded, capture)
        #expect(decoded.deviceId == examination.deviceId && examination.deviceId?.count == 15, "\(capture)")
        #expect(decoded.positions.allSatisfy { $0.deviceID == examination.deviceId }, "\(capture)")
    }
}
