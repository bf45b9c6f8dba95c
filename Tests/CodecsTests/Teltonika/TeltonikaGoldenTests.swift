import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every Teltonika capture in file order and checks it as its note says.
@Suite struct TeltonikaGoldenTests {
    let codec = TeltonikaCodec()
    static let sessionImei = "123456789012345"

    @Test(arguments: Captures.of("teltonika"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        let expectation = capture.expectation
        switch expectation.check {
        case .framer:
            return  // walked in TeltonikaFramerTests
        case .downlink:
            let command = try #require(Command.from(capture))
            #expect(try codec.encode(command, context: SessionContext(deviceId: Self.sessionImei)) == capture.bytes)
        default:
            let transport = GoldenCheck.transport(of: capture)
            let context = DecodeContext(
                deviceId: transport == .udp ? nil : Self.sessionImei, transport: transport,
                options: expectation.decoderOptions, receivedAtMs: GoldenCheck.receivedAtMs)
            GoldenCheck.verify(Result { try codec.decode(capture.bytes, context: context) }, capture)
            checkExamination(capture, transport: transport)
        }
    }

    /// The reply equals the derived one, the integrity verdict matches the note, IMEIs are found.
    private func checkExamination(_ capture: Capture, transport: Transport) {
        let examination = codec.examine(capture.bytes, context: SessionContext(transport: transport))
        if let reply = capture.expectation.derivedReply {
            #expect(examination.reply == reply, "\(capture)")
        } else {
            #expect(examination.reply == nil, "\(capture)")
        }
        #expect(examination.problem == expectedProblem(capture.note), "\(capture)")
        if let imei = Self.namedImei(capture.note) {
            #expect(examination.deviceId == imei, "\(capture)")
        }
    }

    private func expectedProblem(_ note: String) -> String? {
        if note.contains("INCONSISTENT") { return "bad_length" }
        if note.contains("count2 MISMATCH") { return "bad_crc" }
        return nil
    }

    /// The IMEI a note says the frame carries (login packets and UDP datagrams).
    static func namedImei(_ note: String) -> String? {
        guard let range = note.range(of: #"IMEI (?:\d+ \+ ASCII IMEI )?(\d{15})"#, options: .regularExpression) else { return nil }
        return String(note[range].suffix(15))
    }
}
