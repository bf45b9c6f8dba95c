/// Shape checks on single report fields. Traccar matches several GL200 reports with regular
/// expressions whose tokens never contain a comma; checking field by field with these predicates
/// decides exactly what those expressions decide, without a regex engine on the hot path.
/// The checks loop over the field's bytes directly: they run for every field of every report.
enum GL200Shape {
    /// A predicate on one field.
    typealias Check = @Sendable (Substring) -> Bool

    /// `d{n}` for n in `count` (an empty field matches only when the range allows 0).
    static func digits(_ field: Substring, _ count: ClosedRange<Int>) -> Bool {
        withBytes(field) { count.contains($0.count) && all($0, isDigit) }
    }

    /// `x{n}` for n in `count`.
    static func hex(_ field: Substring, _ count: ClosedRange<Int>) -> Bool {
        withBytes(field) { count.contains($0.count) && all($0, isHexDigit) }
    }

    /// A decimal number: optional `-` when `signed`, `integer` digits, a dot, `fraction` digits.
    /// With `dotOptional` it is the regex `d{a,b}.?d{c,d}`: the dot may be missing and the digits
    /// then split anywhere that fits both ranges.
    static func decimal(
        _ field: Substring, signed: Bool = false, integer: ClosedRange<Int>,
        fraction: ClosedRange<Int>, dotOptional: Bool = false
    ) -> Bool {
        withBytes(field) { bytes in
            let start = signed && bytes.first == UInt8(ascii: "-") ? 1 : 0
            var dot: Int?
            var index = start
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "."), dot == nil {
                    dot = index
                } else if !isDigit(bytes[index]) {
                    return false
                }
                index += 1
            }
            let length = bytes.count - start
            if let dot { return integer.contains(dot - start) && fraction.contains(bytes.count - dot - 1) }
            guard dotOptional else { return false }
            let (most, overflow) = integer.upperBound.addingReportingOverflow(fraction.upperBound)
            return length >= integer.lowerBound + fraction.lowerBound && (overflow || length <= most)
        }
    }

    /// `YYYYMMDDHHMMSS`.
    static func dateTime(_ field: Substring) -> Bool { digits(field, 14...14) }

    /// `d{15}|x{14}`: an IMEI, or the 14-hex MEID some models send.
    static func imei(_ field: Substring) -> Bool { digits(field, 15...15) || hex(field, 14...14) }

    /// `[0-9A-Z]{17}`: a vehicle identification number.
    static func vin(_ field: Substring) -> Bool {
        withBytes(field) { $0.count == 17 && all($0) { isDigit($0) || (0x41...0x5A).contains($0) } }
    }

    /// `(?:.{6}|.{10})?`: the protocol version field.
    static func version(_ field: Substring) -> Bool { [0, 6, 10].contains(field.utf8.count) }

    /// Whether `fields[start...]` begins with fields passing `checks`, one check per field.
    static func fields(_ fields: [Substring], from start: Int, match checks: [Check]) -> Bool {
        guard start >= 0, start + checks.count <= fields.count else { return false }
        var offset = 0
        while offset < checks.count {
            if !checks[offset](fields[start + offset]) { return false }
            offset += 1
        }
        return true
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// Runs `body` on the field's UTF-8 bytes without copying them when possible.
    static func withBytes(_ field: Substring, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        field.utf8.withContiguousStorageIfAvailable(body) ?? Array(field.utf8).withUnsafeBufferPointer(body)
    }

    private static func all(_ bytes: UnsafeBufferPointer<UInt8>, _ check: (UInt8) -> Bool) -> Bool {
        var index = 0
        while index < bytes.count {
            if !check(bytes[index]) { return false }
            index += 1
        }
        return true
    }
}
