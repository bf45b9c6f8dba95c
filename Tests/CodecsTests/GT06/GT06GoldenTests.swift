import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every GT06 capture in file order and checks the codec does what the capture's note says.
@Suite struct GT06GoldenTests {
    static let captures = Captures.of("gt06")
    static let receivedAtMs: Int64 = 1_700_000_000_000
    let codec = GT06Codec()

    @Test(arguments: captures)
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        let expectation = capture.expectation
        switch expectation.check {
        case .framer: return  // walked in GT06FramerTests
        case .downlink:
            #expect(try codec.encode(try #require(Command.from(capture)), context: SessionContext()) == capture.bytes)
            return
        default: break
        }
        try checkExamination(capture)
        let context = DecodeContext(deviceId: Self.sessionDevice(before: capture), options: expectation.decoderOptions,
                                    receivedAtMs: Self.receivedAtMs)
        guard let decoded = try CaptureChecks.decodeUnlessRefused(capture, { try codec.decode(capture.bytes, context: context) }) else { return }
        try check(decoded, against: expectation)
    }

    private func checkExamination(_ capture: Capture) throws {
        let examination = codec.examine(capture.bytes, context: SessionContext(options: capture.expectation.decoderOptions))
        if let reply = capture.expectation.derivedReply {
            #expect(examination.reply.map(Hex.encode) == Hex.encode(reply))
        }
        if let imei = GT06TestSupport.noteIMEI(capture.note) {
            #expect(examination.deviceId == imei)
            #expect(try codec.decode(capture.bytes, context: DecodeContext()).kind == .login)
        }
    }

    private func check(_ decoded: Decoded, against expectation: CaptureExpectation) throws {
        switch expectation.check {
        case .null:
            #expect(decoded.positions.isEmpty)
        case .notNull:
            // Traccar's non-null: any decode that does not throw (unknown types throw `unsupported`).
            #expect(decoded.positions.isEmpty || decoded.positions.allSatisfy { !$0.deviceID.isEmpty })
        case .position:
            let position = try #require(decoded.positions.count == 1 ? decoded.positions.first : nil)
            GT06TestSupport.expectSane(position)
            GT06TestSupport.expectExact(position, expectation)
        case .positions(let located):
            #expect(!decoded.positions.isEmpty)
            if located { decoded.positions.forEach(GT06TestSupport.expectSane) }
        case .attributes:
            let position = try #require(decoded.positions.first)
            #expect(!position.attributes.isEmpty)
        case .attribute(let key, let value):
            let position = try #require(decoded.positions.first)
            GT06TestSupport.expect(position, key: key, value)
        case .unknown(let note):
            Issue.record("note not understood: \(note)")
        case .framer, .downlink:
            break
        }
    }

    /// The device of the session the capture belongs to: the IMEI of the latest login before it.
    static func sessionDevice(before capture: Capture) -> String {
        var device = "123456789012345"
        for earlier in captures where earlier.line < capture.line && !earlier.isFramerTest && !earlier.isDownlink {
            if let imei = GT06TestSupport.noteIMEI(earlier.note) { device = imei }
        }
        return device
    }
}
