import Codecs
import Testing
import TestSupport

/// Walks every Castel capture and checks it as its note says.
@Suite struct CastelGoldenTests {
    static let captures = Captures.of("castel")
    let codec = CastelCodec()

    @Test(arguments: captures)
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if try CaptureChecks.verifyDownlink(capture, codec) { return }
        let context = DecodeContext(transport: .tcp, receivedAtMs: CaptureChecks.receivedAtMs)
        guard let decoded = try CaptureChecks.decodeUnlessRefused(capture, { try codec.decode(capture.bytes, context: context) }) else { return }
        CaptureChecks.verify(decoded, capture)
        let examination = codec.examine(capture.bytes, context: SessionContext())
        #expect(examination.deviceId == decoded.deviceId && examination.problem == nil, "every capture passes CRC and length: \(capture)")
    }

    @Test func aChangedByte_failsTheCRC_andAChangedLengthTheLengthCheck() {
        var frame = Captures.of("castel")[0].bytes
        frame[30] ^= 0x40
        #expect(codec.examine(frame, context: SessionContext()).problem == "bad_crc")
        frame[2] ^= 0x01
        #expect(codec.examine(frame, context: SessionContext()).problem == "bad_length")
    }
}
