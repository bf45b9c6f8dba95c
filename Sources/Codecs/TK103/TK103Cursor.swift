/// A position in an ASCII byte buffer with the small matchers the TK103 fix grammar needs.
/// Matchers return `nil` (and leave the cursor alone) when the bytes do not fit.
struct TK103Cursor {
    let bytes: [UInt8]
    var index: Int

    var atEnd: Bool { index >= bytes.count }

    func peek(_ ahead: Int = 0) -> UInt8? {
        index + ahead < bytes.count ? bytes[index + ahead] : nil
    }

    /// Consumes `byte` if it is next.
    mutating func skip(_ byte: UInt8) {
        if peek() == byte { index += 1 }
    }

    /// Consumes one byte out of `allowed`.
    mutating func one(of allowed: String) -> UInt8? {
        guard let byte = peek(), allowed.utf8.contains(byte) else { return nil }
        index += 1
        return byte
    }

    /// Consumes six digits as three two-digit numbers.
    mutating func pairs() -> (Int, Int, Int)? {
        guard index + 6 <= bytes.count else { return nil }
        var offset = index
        let end = index + 6
        let value = TextProto.pairs {
            guard offset < end else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }
        if value != nil { index += 6 }
        return value
    }

    /// Consumes exactly `count` bytes that all satisfy `matches`.
    mutating func run(_ count: Int, _ matches: (UInt8) -> Bool) -> String? {
        guard index + count <= bytes.count, bytes[index..<index + count].allSatisfy(matches) else { return nil }
        defer { index += count }
        return text(index..<index + count)
    }

    /// Consumes the longest run (at least one byte) satisfying `matches`.
    mutating func longest(_ matches: (UInt8) -> Bool) -> String? {
        let end = bytes[index...].firstIndex { !matches($0) } ?? bytes.count
        guard end > index else { return nil }
        defer { index = end }
        return text(index..<end)
    }

    /// `d+.d+`.
    mutating func pointDecimal() -> String? {
        var probe = self
        guard let whole = probe.longest(Self.isDigit), probe.one(of: ".") != nil,
              let fraction = probe.longest(Self.isDigit) else { return nil }
        self = probe
        return whole + "." + fraction
    }

    func text(_ range: Range<Int>) -> String { TextProto.text(bytes[range]) }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isSpeedChar(_ byte: UInt8) -> Bool { isDigit(byte) || byte == 0x20 || byte == 0x2E }
}
