/// A small JSON reader for OsmAnd's JSON bodies. It keeps what Traccar's reader distinguishes and
/// Foundation blurs: an integral number literal (`1`) apart from a fractional one (`1.0`) and from
/// `true`. Nesting is limited so hostile input cannot exhaust the stack.
enum OsmAndJSON: Equatable, Sendable {
    case object([String: OsmAndJSON])
    case array([OsmAndJSON])
    case string(String)
    /// A number; `integral` holds the value when the literal is an integer that fits 64 bits.
    case number(Double, integral: Int64?)
    case bool(Bool)
    case null

    /// Deepest nesting accepted.
    static let maxDepth = 64

    /// Parses a whole document; throws `DecodeError("malformed")` on anything that is not JSON.
    static func parse(_ bytes: [UInt8]) throws(DecodeError) -> OsmAndJSON {
        var parser = OsmAndJSONParser(bytes: bytes)
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("trailing characters") }
        return value
    }

    /// The member `key` of an object; `nil` for anything else.
    subscript(key: String) -> OsmAndJSON? {
        if case .object(let members) = self { members[key] } else { nil }
    }

    /// The value as a double when it is a number.
    var double: Double? {
        if case .number(let value, _) = self { value } else { nil }
    }

    /// The value when it is a boolean.
    var bool: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The text of a string, or of a number (ids are sometimes sent as numbers).
    var text: String? {
        switch self {
        case .string(let text): text
        case .number(let value, let integral): integral.map(String.init) ?? String(value)
        default: nil
        }
    }
}
