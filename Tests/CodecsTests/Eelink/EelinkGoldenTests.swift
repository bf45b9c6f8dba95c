import Codecs
import Testing
import TestSupport

/// Walks every Eelink capture in file order and checks it as its note says. TCP packets belong to
/// the session of the latest login (or datagram) before them, as in Traccar's test.
@Suite struct EelinkGoldenTests {
    static let captures = Captures.of("eelink")
    let codec = EelinkCodec()

    @Test(arguments: captures)
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        if try CaptureChecks.verifyDownlink(capture, codec) { return }
        let transport: Transport = capture.transport == "udp" ? .udp : .tcp
        let context = DecodeContext(deviceId: Self.sessionDevice(before: capture), transport: transport, receivedAtMs: CaptureChecks.receivedAtMs)
        guard let decoded = try CaptureChecks.decodeUnlessRefused(capture, { try codec.decode(capture.bytes, context: context) }) else { return }
        CaptureChecks.verify(decoded, capture)
        let examination = codec.examine(capture.bytes, context: SessionContext(transport: transport))
        #expect(examination.deviceId == decoded.deviceId && examination.problem == nil, "\(capture)")
        let type = capture.bytes[transport == .udp ? 16 : 2]
        #expect((examination.reply == nil) == (type == 0x02), "only old GPS reports go unanswered: \(capture)")
    }

    /// The IMEI of the latest login or datagram before the capture, else Traccar's test device.
    static func sessionDevice(before capture: Capture) -> String {
        captures.filter { $0.line < capture.line && $0.isFrame }.reduce("123456789012345") { device, earlier in
            EelinkCodec().examine(earlier.bytes, context: SessionContext()).deviceId ?? device
        }
    }
}
