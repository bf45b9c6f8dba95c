import Testing
import Codecs
import TestSupport

/// Every GPS103 capture, in file order, handled as its note says.
@Suite struct GPS103GoldenTests {
    @Test(arguments: Captures.of("gps103"))
    func capture_isHandledAsItsNoteSays(_ capture: Capture) throws {
        try TextProtoGolden.verify(capture, codec: GPS103Codec())
    }
}
