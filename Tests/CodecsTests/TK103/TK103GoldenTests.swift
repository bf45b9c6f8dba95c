import Testing
import Codecs
import TestSupport

/// Every TK103 capture, in file order, handled as its note says. Downlinks marked as the
/// alternative (SMS-style) format are encoded with the `alternative` option.
@Suite struct TK103GoldenTests {
    @Test(arguments: Captures.of("tk103"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        try TextProtoGolden.verify(capture, codec: TK103Codec(), options: capture.listenerOptions)
    }
}
