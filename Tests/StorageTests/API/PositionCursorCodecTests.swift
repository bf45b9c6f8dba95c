import Testing
@testable import Storage

@Suite struct PositionCursorCodecTests {
    @Test(arguments: [
        PositionCursor(fixTimeMs: 1_714_564_800_250, deviceID: "356307042441013"),
        PositionCursor(fixTimeMs: -5, deviceID: "a:b/c+d é"),
    ])
    func decode_returnsWhatEncodeWasGiven(cursor: PositionCursor) throws {
        let text = PositionCursorCodec.encode(cursor)
        #expect(!text.contains("=") && !text.contains("/") && !text.contains("+"))
        #expect(try PositionCursorCodec.decode(text) == cursor)
    }

    @Test(arguments: ["", "!!!", "djE6eDp5", "djI6MTI6YQ", "djE6MTI6"])
    func decode_textItDidNotIssue_isABadRequest(text: String) {
        #expect(throws: APIError.self) { try PositionCursorCodec.decode(text) }
    }
}
