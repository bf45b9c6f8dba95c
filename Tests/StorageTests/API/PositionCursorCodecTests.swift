import Testing
@testable import Storage

@Suite struct PositionCursorCodecTests {
    @Test(arguments: [
        PositionCursor(fixTimeMs: 1_714_564_800_250, deviceID: "356307042441013"),
        PositionCursor(fixTimeMs: -5, deviceID: "a:b/c+d é"),
        PositionCursor(fixTimeMs: 7, deviceID: "dev:1", fingerprint: -1_234_567_890_123),
    ])
    func decode_returnsWhatEncodeWasGiven(cursor: PositionCursor) throws {
        let text = PositionCursorCodec.encode(cursor)
        #expect(!text.contains("=") && !text.contains("/") && !text.contains("+"))
        #expect(try PositionCursorCodec.decode(text) == cursor)
    }

    @Test func decode_aFirstFormatCursor_resumesAtTheFirstRecordOfItsFixTime() throws {
        // base64url of "v1:12:dev", as cursors were issued before fingerprints.
        #expect(try PositionCursorCodec.decode("djE6MTI6ZGV2") == PositionCursor(fixTimeMs: 12, deviceID: "dev", fingerprint: .min))
    }

    @Test(arguments: ["", "!!!", "djE6eDp5", "djI6MTI6YQ", "djE6MTI6"])
    func decode_textItDidNotIssue_isABadRequest(text: String) {
        #expect(throws: APIError.self) { try PositionCursorCodec.decode(text) }
    }
}
