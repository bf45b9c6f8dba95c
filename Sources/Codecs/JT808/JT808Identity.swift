/// Terminal ids (docs/protocols/jt808.md "Framing and identification"): BCD digits, or a 48-bit
/// IMEI (without its check digit) in the first 6 bytes.
enum JT808Identity {
    /// The device id a terminal id names: its digits without leading zeros, or the IMEI with the
    /// Luhn digit appended. Traccar looks a device up under the stripped and the full digits; the
    /// stripped form (tried first) is the one reported, the full one when it is all zeros.
    static func deviceId(_ terminalId: [UInt8]) -> String {
        let unique = uniqueId(terminalId)
        let stripped = unique.drop { $0 == "0" }
        return stripped.isEmpty ? unique : String(stripped)
    }

    /// The terminal id's digits as sent (leading zeros kept), or the IMEI with its Luhn digit.
    static func uniqueId(_ terminalId: [UInt8]) -> String {
        let digits = HexText.lowercase(terminalId)
        guard digits.allSatisfy(\.isNumber) else {
            let imei = terminalId.prefix(6).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            return String(imei) + String(luhn(imei))
        }
        return digits
    }

    /// The Luhn check digit of `number` (Traccar's `Checksum.luhn`).
    static func luhn(_ number: UInt64) -> UInt64 {
        var sum: UInt64 = 0
        var rest = number
        var position = 0
        while rest != 0 {
            var digit = rest % 10
            if position % 2 == 0 {
                digit *= 2
                if digit >= 10 { digit = 1 + digit % 10 }
            }
            sum += digit
            rest /= 10
            position += 1
        }
        return (10 - sum % 10) % 10
    }

    /// The terminal id a downlink addresses (docs/protocols/jt808.md "Commands"): a 15-digit IMEI
    /// as the 48-bit number of its first 14 digits, any other id as BCD digits, zero-padded to
    /// the 12 a terminal id holds (ids are reported without their leading zeros).
    static func terminalId(for deviceId: String) -> [UInt8]? {
        guard !deviceId.isEmpty, deviceId.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if deviceId.count == 15 {
            guard let number = UInt64(deviceId.dropLast()), number < 1 << 48 else { return nil }
            return Array(bigEndianBytes(number).suffix(6))
        }
        let width = max(12, deviceId.count + deviceId.count % 2)
        return HexText.bytes(String(repeating: "0", count: width - deviceId.count) + deviceId)
    }
}
