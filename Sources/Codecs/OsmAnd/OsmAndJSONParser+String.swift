extension OsmAndJSONParser {
    /// Reads a string literal (the opening quote is at `index`), resolving escapes.
    mutating func string() throws(DecodeError) -> String {
        index += 1
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return LenientUTF8.string(out)
            case UInt8(ascii: "\\"): try escape(into: &out)
            case 0x00..<0x20: throw error("control character in string")
            default: out.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func escape(into out: inout [UInt8]) throws(DecodeError) {
        guard index < bytes.count else { throw error("unterminated escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"): out += Array(String(try unicodeScalar()).utf8)
        default: throw error("bad escape")
        }
    }

    /// `\uXXXX`, joining a UTF-16 surrogate pair; a lone surrogate becomes U+FFFD.
    private mutating func unicodeScalar() throws(DecodeError) -> Character {
        let unit = try hex4()
        guard (0xD800..<0xDC00).contains(unit) else { return Character(Unicode.Scalar(unit) ?? "\u{FFFD}") }
        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
            return "\u{FFFD}"
        }
        index += 2
        let low = try hex4()
        guard (0xDC00..<0xE000).contains(low) else { return "\u{FFFD}" }
        let scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        return Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")
    }

    private mutating func hex4() throws(DecodeError) -> UInt32 {
        guard bytes.count - index >= 4 else { throw error("short \\u escape") }
        let text = LenientUTF8.string(bytes[index..<index + 4])
        guard let value = UInt32(text, radix: 16) else { throw error("bad \\u escape") }
        index += 4
        return value
    }
}
