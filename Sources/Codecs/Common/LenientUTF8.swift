/// Text from untrusted device bytes, invalid UTF-8 replaced by U+FFFD like `String(decoding:as:)`.
///
/// Why not `String(decoding:as:)` directly: its repair path for invalid input throws and catches
/// internally, and under Swift Testing every throw records a backtrace, which made robustness
/// runs (random bytes, mostly invalid UTF-8) many times slower. Valid input takes the plain path;
/// invalid sequences are replaced here, byte by byte, before it.
public enum LenientUTF8 {
    /// The text of `bytes`.
    public static func string(_ bytes: some Collection<UInt8>) -> String {
        string(Array(bytes))
    }

    /// The text of `bytes`.
    public static func string(_ bytes: [UInt8]) -> String {
        var index = 0
        while index < bytes.count, let length = sequenceLength(bytes, at: index) { index += length }
        if index == bytes.count { return String(decoding: bytes, as: UTF8.self) }
        var repaired: [UInt8] = []
        repaired.reserveCapacity(bytes.count * 3)
        for offset in 0..<index { repaired.append(bytes[offset]) }
        while index < bytes.count {
            let length = sequenceLength(bytes, at: index) ?? 0
            for offset in 0..<length { repaired.append(bytes[index + offset]) }
            if length == 0 {
                repaired.append(0xEF)
                repaired.append(0xBF)
                repaired.append(0xBD)
            }
            index += max(length, 1)
        }
        return String(decoding: repaired, as: UTF8.self)
    }

    /// The length of the well-formed UTF-8 sequence at `index`, or `nil` (RFC 3629 table).
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        let lead = bytes[index]
        if lead < 0x80 { return 1 }
        let (length, secondRange): (Int, ClosedRange<UInt8>)
        switch lead {
        case 0xC2...0xDF: (length, secondRange) = (2, 0x80...0xBF)
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, secondRange) = (3, 0x80...0xBF)
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, secondRange) = (4, 0x80...0xBF)
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)
        default: return nil
        }
        guard bytes.count - index >= length, secondRange.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) { return nil }
        return length
    }
}
