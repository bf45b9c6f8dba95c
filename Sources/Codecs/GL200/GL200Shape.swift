/// Shape checks on single report fields. Traccar matches several GL200 reports with regular
/// expressions whose tokens never contain a comma; checking field by field with these predicates
/// decides exactly what those expressions decide, without a regex engine on the hot path.
enum GL200Shape {
    /// A predicate on one field.
    typealias Check = @Sendable (Substring) -> Bool

    /// `d{n}` for n in `count` (an empty field matches only when the range allows 0).
    static func digits(_ field: Substring, _ count: ClosedRange<Int>) -> Bool {
        count.contains(field.utf8.count) && field.utf8.allSatisfy(isDigit)
    }

    /// `x{n}` for n in `count`.
    static func hex(_ field: Substring, _ count: ClosedRange<Int>) -> Bool {
        count.contains(field.utf8.count) && field.utf8.allSatisfy(isHexDigit)
    }

    /// A decimal number: optional `-` when `signed`, `integer` digits, a dot, `fraction` digits.
    /// With `dotOptional` it is the regex `d{a,b}.?d{c,d}`: the dot may be missing and the digits
    /// then split anywhere that fits both ranges.
    static func decimal(
        _ field: Substring, signed: Bool = false, integer: ClosedRange<Int>,
        fraction: ClosedRange<Int>, dotOptional: Bool = false
    ) -> Bool {
        var body = field.utf8[...]
        if signed, body.first == UInt8(ascii: "-") { body = body.dropFirst() }
        if let dot = body.firstIndex(of: UInt8(ascii: ".")) {
            let whole = body[..<dot], part = body[body.index(after: dot)...]
            return integer.contains(whole.count) && fraction.contains(part.count)
                && whole.allSatisfy(isDigit) && part.allSatisfy(isDigit)
        }
        guard dotOptional else { return false }
        let (most, overflow) = integer.upperBound.addingReportingOverflow(fraction.upperBound)
        let count = body.count
        return count >= integer.lowerBound + fraction.lowerBound && (overflow || count <= most)
            && body.allSatisfy(isDigit)
    }

    /// `YYYYMMDDHHMMSS`.
    static func dateTime(_ field: Substring) -> Bool { digits(field, 14...14) }

    /// `d{15}|x{14}`: an IMEI, or the 14-hex MEID some models send.
    static func imei(_ field: Substring) -> Bool { digits(field, 15...15) || hex(field, 14...14) }

    /// `[0-9A-Z]{17}`: a vehicle identification number.
    static func vin(_ field: Substring) -> Bool {
        field.utf8.count == 17 && field.utf8.allSatisfy { isDigit($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// `(?:.{6}|.{10})?`: the protocol version field.
    static func version(_ field: Substring) -> Bool { [0, 6, 10].contains(field.utf8.count) }

    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }
}
