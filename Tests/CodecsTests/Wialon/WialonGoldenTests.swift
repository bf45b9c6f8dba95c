import Codecs
import Testing
import TestSupport
import TrackwireProtocol

/// Walks every Wialon capture and checks it as its note says (records decoded for a logged-in
/// session; the datagram form names its own IMEI), with the reply Traccar sends.
@Suite struct WialonGoldenTests {
    let codec = WialonCodec()
    static let sessionImei = "123456789012345"

    @Test(arguments: Captures.of("wialon"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        let context = DecodeContext(deviceId: Self.sessionImei, receivedAtMs: GoldenCheck.receivedAtMs)
        let outcome = Result { try codec.decode(capture.bytes, context: context) }
        if case .attribute("network", _) = capture.expectation.check {
            // `network=new Network(CellTower.from(250, 2, 5901, 45542), CellTower.from(222, 22, 2222, 22222))`
            let position = try #require(try outcome.get().positions.first)
            #expect(position.attributes["cell"] == .string("250,2,5901,45542;222,22,2222,22222"))
        } else {
            GoldenCheck.verify(outcome, capture)
        }
        if case .success(let decoded) = outcome { CaptureEvents.verify(decoded, capture) }
        let reply = codec.examine(capture.bytes, context: SessionContext(receivedAtMs: GoldenCheck.receivedAtMs)).reply
        #expect(reply.map { String(decoding: $0, as: UTF8.self) } == Self.reply(to: capture.payload), "\(capture)")
    }

    /// What Traccar answers each message type with.
    static func reply(to payload: String) -> String? {
        let type = payload.split(separator: "#", omittingEmptySubsequences: false).dropFirst().first ?? ""
        switch type {
        case "L": return "#AL#1\r\n"
        case "P": return "#AP#\r\n"
        case "SD", "D": return "#AD#1\r\n"
        case "B": return "#AB#\(payload.split(separator: "|", omittingEmptySubsequences: false).count)\r\n"
        default: return nil
        }
    }
}
