/// Byte-to-text helpers for Teltonika payloads, matching what Traccar stores.
enum TeltonikaText {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Lowercase hex digits of `bytes` (Traccar's `hexDump`).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Traccar's `isPrintable`: no control byte other than CR and LF, and no byte above 0x7F.
    static func isPrintable(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x80) || $0 == 0x0D || $0 == 0x0A }
    }

    /// ASCII text with Java's `trim()`: leading and trailing bytes up to space removed.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        let start = bytes.firstIndex { $0 > 0x20 } ?? bytes.endIndex
        let end = bytes.lastIndex { $0 > 0x20 }.map { $0 + 1 } ?? start
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}
