import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every OsmAnd capture in file order and checks it as its note says.
@Suite struct OsmAndGoldenTests {
    let codec = OsmAndCodec()

    @Test(arguments: Captures.of("osmand"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) {
        let context = DecodeContext(
            transport: .http, options: capture.expectation.decoderOptions, receivedAtMs: GoldenCheck.receivedAtMs)
        GoldenCheck.verify(Result { try codec.decode(capture.bytes, context: context) }, capture)

        let examination = codec.examine(capture.bytes, context: SessionContext(transport: .http))
        #expect(examination.reply == nil)
        if capture.note.contains("400 Bad Request (no id") {
            #expect(examination.problem == "missing_id" && examination.deviceId == nil)
        } else {
            #expect(examination.problem == nil)
            #expect(examination.deviceId == Self.namedId(capture.payload), "\(capture)")
        }
    }

    /// The id the payload itself names (`id=` in a query, `"device_id"` in JSON).
    static func namedId(_ payload: String) -> String? {
        let pattern = payload.hasPrefix("{") ? #""device_id":"([^"]+)""# : #"[?&]id=([^&]+)"#
        guard let range = payload.range(of: pattern, options: .regularExpression) else { return nil }
        let match = payload[range]
        let start = match.index(match.startIndex, offsetBy: payload.hasPrefix("{") ? 13 : 4)
        return String(match[start...].prefix { $0 != "\"" })
    }
}
