import Foundation
import Testing
@testable import Storage

@Suite struct PositionCursorCodecTests {
    @Test(arguments: [
        PositionCursor(fixTimeMs: 1_714_564_800_250, deviceID: "356307042441013"),
        PositionCursor(fixTimeMs: -5, deviceID: "a:b/c+d é"),
        PositionCursor(fixTimeMs: 7, deviceID: "dev:1", fingerprint: -1_234_567_890_123),
        PositionCursor(fixTimeMs: 0, deviceID: "x", fingerprint: .min),
    ])
    func decode_returnsWhatEncodeWasGiven(cursor: PositionCursor) throws {
        let text = PositionCursorCodec.encode(cursor)
        #expect(text.range(of: PositionCursorCodec.pattern, options: .regularExpression) != nil, "\(text)")
        #expect(try PositionCursorCodec.decode(text) == cursor)
    }

    @Test func decode_anyTextThePatternMatches_isACursor() throws {
        let cursor = try PositionCursorCodec.decode("c3.-12.ffffffffffffffff.ff00")
        #expect(cursor.fixTimeMs == -12 && cursor.fingerprint == -1 && !cursor.deviceID.isEmpty)
    }

    @Test(arguments: ["", "!!!", "djE6MTI6ZGV2", "c3.12.0000000000000000.", "c3.12.000000000000000.61", "c3.12.0000000000000000.6",
                      "c3.1234567890123456789.0000000000000000.61", "c3.12.0000000000000000.6A", "c3.+1.0000000000000000.61"])
    func decode_textThePatternRejects_isABadRequest(text: String) {
        #expect(text.range(of: PositionCursorCodec.pattern, options: .regularExpression) == nil)
        #expect(throws: APIError.self) { try PositionCursorCodec.decode(text) }
    }
}
