/// Parsing JSON text into a `JSONValue`. Hand-written because Foundation's JSONSerialization on
/// Linux reads long numbers through NSDecimalNumber and loses the last digits of a double
/// (`0.30000000000000004` comes back as `0.3000000000000001`), and JSONDecoder cannot tell `12.0`
/// from `12`. Here a number with a fraction or exponent is a double parsed by Swift's exact
/// `Double(String)`, any other number an int.
extension JSONValue {
    /// Parses JSON text (RFC 8259); throws a `JSONParseError` naming the byte offset when it is not JSON.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        var parser = JSONParser(bytes: Array(bytes))
        return try parser.document()
    }
}

/// Text that is not JSON: what is wrong and at which byte.
public struct JSONParseError: Error, CustomStringConvertible {
    /// `not valid JSON: <problem> at byte <n>`.
    public let description: String
}

private struct JSONParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0
    static let maxDepth = 256

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func document() throws(JSONParseError) -> JSONValue {
        let value = try self.value()
        skipWhitespace()
        guard index == bytes.count else { throw failure("unexpected text after the JSON value") }
        return value
    }

    private mutating func value() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw failure("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try nested { (parser: inout JSONParser) throws(JSONParseError) in try parser.object() }
        case UInt8(ascii: "["): return try nested { (parser: inout JSONParser) throws(JSONParseError) in try parser.array() }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try number()
        }
    }

    private mutating func nested(_ parse: (inout JSONParser) throws(JSONParseError) -> JSONValue) throws(JSONParseError) -> JSONValue {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth) levels") }
        index += 1
        return try parse(&self)
    }

    private mutating func object() throws(JSONParseError) -> JSONValue {
        var object = JSONObject()
        if consume(UInt8(ascii: "}")) { return .object(object) }
        repeat {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a member name") }
            let key = try string()
            guard consume(UInt8(ascii: ":")) else { throw failure("expected ':'") }
            object[key] = try value()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw failure("expected ',' or '}'") }
        return .object(object)
    }

    private mutating func array() throws(JSONParseError) -> JSONValue {
        var values: [JSONValue] = []
        if consume(UInt8(ascii: "]")) { return .array(values) }
        repeat { values.append(try value()) } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw failure("expected ',' or ']'") }
        return .array(values)
    }

    private mutating func string() throws(JSONParseError) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var run = index
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                scalars.append(contentsOf: try utf8(bytes[run..<index]))
                index += 1
                if byte == UInt8(ascii: "\"") { return String(scalars) }
                scalars.append(try escape())
                run = index
            } else if byte < 0x20 {
                throw failure("control character in a string")
            } else {
                index += 1
            }
        }
    }

    private func utf8(_ slice: ArraySlice<UInt8>) throws(JSONParseError) -> String.UnicodeScalarView {
        guard let text = String(validating: slice, as: UTF8.self) else { throw failure("invalid UTF-8") }
        return text.unicodeScalars
    }

    private mutating func escape() throws(JSONParseError) -> Unicode.Scalar {
        guard index < bytes.count else { throw failure("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape()
        default: throw failure("unknown escape")
        }
    }

    private mutating func unicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let high = try hex4()
        if (0xD800..<0xDC00).contains(high) {
            guard consume(UInt8(ascii: "\\"), skippingWhitespace: false), consume(UInt8(ascii: "u"), skippingWhitespace: false) else {
                throw failure("unpaired surrogate")
            }
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
        }
        guard let scalar = Unicode.Scalar(high) else { throw failure("unpaired surrogate") }
        return scalar
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
            throw failure("bad \\u escape")
        }
        index += 4
        return value
    }

    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        var isDouble = false
        _ = consume(UInt8(ascii: "-"), skippingWhitespace: false)
        guard digits() > 0 else { throw failure("unexpected character") }
        if consume(UInt8(ascii: "."), skippingWhitespace: false) {
            isDouble = true
            guard digits() > 0 else { throw failure("expected digits after '.'") }
        }
        if consume(UInt8(ascii: "e"), skippingWhitespace: false) || consume(UInt8(ascii: "E"), skippingWhitespace: false) {
            isDouble = true
            _ = consume(UInt8(ascii: "+"), skippingWhitespace: false) || consume(UInt8(ascii: "-"), skippingWhitespace: false)
            guard digits() > 0 else { throw failure("expected exponent digits") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if !isDouble, let integer = Int64(text) { return .int(integer) }
        guard let double = Double(text), double.isFinite else { throw failure("number out of range") }
        return .double(double)
    }

    private mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    private mutating func literal(_ word: String) throws(JSONParseError) {
        let expected = Array(word.utf8)
        guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected else {
            throw failure("unexpected character")
        }
        index += expected.count
    }

    private mutating func consume(_ byte: UInt8, skippingWhitespace: Bool = true) -> Bool {
        if skippingWhitespace { skipWhitespace() }
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    private func failure(_ problem: String) -> JSONParseError {
        JSONParseError(description: "not valid JSON: \(problem) at byte \(index)")
    }
}
