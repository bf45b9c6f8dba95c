import Testing
import Codecs
import TestSupport

/// Every H02 capture, in file order, handled as its note says.
@Suite struct H02GoldenTests {
    let codec = H02Codec()

    @Test(arguments: Captures.of("h02"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        try TextProtoGolden.verify(capture, codec: codec)
        guard let ackReply = TextProtoNotes.ackReplyPattern(capture.note) else { return }
        let examination = codec.examine(capture.bytes, context: SessionContext(options: ["ack": "true"]))
        let reply = examination.reply.map(TextProtoNotes.text) ?? "<none>"
        #expect(reply.wholeMatch(of: ackReply) != nil, "ack reply \(reply) for \(capture)")
    }
}
