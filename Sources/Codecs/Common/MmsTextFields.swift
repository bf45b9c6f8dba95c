/// Text helpers for the `;`/`,`-separated protocols (Meitrack, Suntech, Watch).
///
/// Device text is read as Latin-1, one character per byte, so field lengths equal byte counts
/// (Suntech's serial-data length counts bytes) and binary bytes inside text never fail decoding.
enum Latin1 {
    /// The bytes as a string, one character per byte.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            var ascii = true
            for byte in buffer where byte >= 0x80 {
                ascii = false
                break
            }
            if ascii { return String(decoding: buffer, as: UTF8.self) }
            var scalars = String.UnicodeScalarView()
            for byte in buffer { scalars.append(Unicode.Scalar(byte)) }
            return String(scalars)
        }
    }

    /// The bytes as a string, one character per byte.
    static func string(_ bytes: [UInt8]) -> String { string(bytes[...]) }

    /// The bytes split at every `separator`, empty fields kept (Java's `split(sep, -1)`).
    static func fields(_ bytes: ArraySlice<UInt8>, separator: UInt8) -> [String] {
        var fields: [String] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == separator {
            fields.append(string(bytes[start..<index]))
            start = index + 1
        }
        fields.append(string(bytes[start..<bytes.endIndex]))
        return fields
    }
}

/// Strict number parsing for device text: plain decimal digits with an optional sign (and point),
/// never `nan`, `inf`, exponents or hex floats, so a corrupt field cannot become a non-finite value.
enum TextNumber {
    /// A decimal integer such as `0176` or `+5`; `nil` if anything else.
    static func int(_ text: some StringProtocol) -> Int? {
        let body = text.first == "+" ? Substring(text.dropFirst()) : Substring(text)
        return body.isEmpty || body.first == "+" ? nil : Int(body)
    }

    /// A hexadecimal integer; `nil` if empty or not hex.
    static func hex(_ text: some StringProtocol) -> Int? {
        text.isEmpty || text.first == "-" || text.first == "+" ? nil : Int(text, radix: 16)
    }

    /// A decimal number such as `-046.322176` or `+23.0`; `nil` if anything else.
    static func decimal(_ text: some StringProtocol) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

/// A cursor over text fields. Reads past the end or of a malformed number throw
/// `DecodeError("malformed")`, so a decoder can be written as a straight sequence of reads.
struct TextFieldReader {
    let fields: [String]
    /// Index of the next field to read.
    private(set) var index: Int

    init(_ fields: [String], index: Int = 0) {
        self.fields = fields
        self.index = index
    }

    /// Fields left to read.
    var remaining: Int { max(0, fields.count - index) }

    /// The field `ahead` positions on, without consuming it.
    func peek(_ ahead: Int = 0) -> String? {
        let at = index + ahead
        return at >= 0 && at < fields.count ? fields[at] : nil
    }

    /// Skips `count` fields (never past the end).
    mutating func skip(_ count: Int = 1) { index = min(fields.count, index + max(0, count)) }

    mutating func next() throws(DecodeError) -> String {
        guard index < fields.count else { throw DecodeError("malformed", "missing field \(index)") }
        defer { index += 1 }
        return fields[index]
    }

    mutating func int() throws(DecodeError) -> Int { try parsed(TextNumber.int, "integer") }
    mutating func hex() throws(DecodeError) -> Int { try parsed(TextNumber.hex, "hex number") }
    mutating func double() throws(DecodeError) -> Double { try parsed(TextNumber.decimal, "number") }

    /// The next field as an integer, `nil` if it is empty or not a number (the field is consumed).
    mutating func optionalInt() -> Int? { (try? next()).flatMap(TextNumber.int) }
    /// The next field as a decimal, `nil` if it is empty or not a number (the field is consumed).
    mutating func optionalDouble() -> Double? { (try? next()).flatMap(TextNumber.decimal) }

    private mutating func parsed<T>(_ parse: (String) -> T?, _ what: String) throws(DecodeError) -> T {
        let field = try next()
        guard let value = parse(field) else {
            throw DecodeError("malformed", "field \(index - 1) is not a \(what): \(field.prefix(20))")
        }
        return value
    }
}

/// Bytes as hex text.
enum HexText {
    /// Lowercase hex digits, two per byte.
    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var text = String.UnicodeScalarView()
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(text)
    }
}
