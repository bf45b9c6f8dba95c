import Testing
import TrackwireProtocol

@Suite struct JSONValueTests {
    @Test func text_keepsEveryDigitAndTheNumberKind() throws {
        let value = JSONValue.array([.double(0.1 + 0.2), .double(12.0), .int(12), .double(-0.000001234), .int(Int64.max), .bool(true)])
        #expect(value.text == "[0.30000000000000004,12.0,12,-1.234e-06,9223372036854775807,true]")
        #expect(try JSONValue.parse(Array(value.text.utf8)) == value)
    }

    @Test func text_escapesStringsSoTheyParseBack() throws {
        let value = JSONValue.object(["k\"ey": .string("line\nbreak \\ \u{01} tab\t é 🚚")])
        #expect(try JSONValue.parse(Array(value.text.utf8)) == value)
    }

    @Test func text_writesNonFiniteNumbersAsNull() {
        #expect(JSONValue.array([.double(.nan), .double(.infinity)]).text == "[null,null]")
    }

    @Test func object_keepsInsertionOrderAndReplacesInPlace() {
        var object: JSONObject = ["b": .int(1), "a": .int(2)]
        object["b"] = .int(3)
        object["c"] = nil
        #expect(JSONValue.object(object).text == #"{"b":3,"a":2}"#)
    }

    @Test func parse_readsEscapesSurrogatesAndNumberKinds() throws {
        let value = try JSONValue.parse(Array(#" { "s" : "a\"b\\c\/\n\u00e9\ud83d\ude9a" , "n" : [-0, 1E2, -2.5e-3, 7] , "b" : [true, false, null] } "#.utf8))
        #expect(value["s"] == .string("a\"b\\c/\né🚚"))
        #expect(value["n"] == .array([.int(0), .double(100), .double(-0.0025), .int(7)]))
        #expect(value["b"] == .array([.bool(true), .bool(false), .null]))
    }

    @Test(arguments: ["", "{\"a\": [1,}", "[1,]", "{\"a\" 1}", "tru", "\"\\x\"", "1 2", "\"\\ud800\"", "-", "1.", "1e", "\"\u{01}\"", "{1:2}", "1e999"])
    func parse_notJSON_saysWhereAndWhy(text: String) {
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(text.utf8)) }
        #expect(error?.description.contains("not valid JSON") == true)
    }

    @Test func parse_refusesDeepNesting() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array((String(repeating: "[", count: 300) + String(repeating: "]", count: 300)).utf8)) }
        #expect((try? JSONValue.parse(Array((String(repeating: "[", count: 100) + String(repeating: "]", count: 100)).utf8))) != nil)
    }
}
