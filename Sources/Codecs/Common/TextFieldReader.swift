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
