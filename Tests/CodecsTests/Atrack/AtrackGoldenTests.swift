import Codecs
import Testing
import TestSupport

/// Walks every ATrack capture in file order and checks it as its note says, with the decoder
/// options the note names; a `$OK`/`$ERROR` line belongs to the session of the packet before it.
@Suite struct AtrackGoldenTests {
    static let captures = Captures.of("atrack")
    let codec = AtrackCodec()

    @Test(arguments: captures.filter { !$0.isFramerTest })
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if try CaptureChecks.verifyDownlink(capture, codec) { return }
        let context = DecodeContext(deviceId: Self.sessionDevice(before: capture), transport: .tcp, options: capture.listenerOptions,
                                    receivedAtMs: CaptureChecks.receivedAtMs)
        guard let decoded = try CaptureChecks.decodeUnlessRefused(capture, { try codec.decode(capture.bytes, context: context) }) else { return }
        if capture.note.contains("expected each: time=1970-01-01 00:00:00.000 UTC") {
            // Traccar's test checks only attributes and the exact (epoch, 0°/0°) fix of this record.
            #expect(!decoded.positions.isEmpty && decoded.positions.allSatisfy { $0.fixTimeMs == 0 && $0.latitude == 0 && $0.valid && !$0.attributes.isEmpty })
        } else {
            CaptureChecks.verify(decoded, capture)
        }
        let examination = codec.examine(capture.bytes, context: SessionContext(options: capture.listenerOptions))
        #expect(examination.deviceId == decoded.deviceId && [nil, "bad_crc", "bad_length"].contains(examination.problem), "\(capture)")
    }

    static func sessionDevice(before capture: Capture) -> String {
        captures.filter { $0.line < capture.line && $0.isFrame }.reduce("123456789012345") { device, earlier in
            AtrackCodec().examine(earlier.bytes, context: SessionContext()).deviceId ?? device
        }
    }
}
