import Foundation
import Testing
import TrackwireProtocol

/// The one JSON string escaper, against the documented escapes and Foundation's JSON parser.
@Suite struct JSONStringTests {
    @Test func quoted_escapesQuotesBackslashesAndControlCharacters_only() {
        #expect(JSONString.quoted("") == #""""#)
        #expect(JSONString.quoted("plain") == #""plain""#)
        #expect(JSONString.quoted("a\"b\\c\nd\re\tf\u{01}g\u{1F}") == #""a\"b\\c\nd\re\tf\u0001g\u001f""#)
        #expect(JSONString.quoted("\"") == #""\"""#, "an escape at the start and at the end")
        #expect(JSONString.quoted("é/€😀\u{7F}") == "\"é/€😀\u{7F}\"", "non-ASCII, / and DEL as they are")
    }

    @Test func quoted_parsesBackToTheSameString_forVariedText() throws {
        let alphabet = Array("ab \"\\\n\r\t\u{00}\u{08}\u{1F}/é€😀👩‍💻")
        var state: UInt64 = 11
        for _ in 0..<5_000 {
            let text = String((0..<Int(state % 17)).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return alphabet[Int((state >> 33) % UInt64(alphabet.count))]
            })
            let parsed = try JSONDecoder().decode(String.self, from: Data(JSONString.quoted(text).utf8))
            #expect(parsed == text)
        }
    }
}
