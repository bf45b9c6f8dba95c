/// One Meiligao packet's parts (docs/protocols/meiligao.md "Framing and identification"): a
/// 2-byte marker (any, as Traccar), the length, the 7-byte BCD id, the command, the data and the
/// CRC-16/CCITT-FALSE of everything before it, then `0D 0A`.
struct MeiligaoFrame {
    static let headerSize = 13
    static let trailerSize = 4

    let bytes: [UInt8]
    let rawId: ArraySlice<UInt8>
    let command: UInt16

    init(_ bytes: [UInt8]) throws(DecodeError) {
        guard bytes.count >= Self.headerSize + Self.trailerSize else {
            throw DecodeError("truncated", "Meiligao packet of \(bytes.count) bytes")
        }
        self.bytes = bytes
        rawId = bytes[4..<11]
        command = UInt16(bytes[11]) << 8 | UInt16(bytes[12])
    }

    /// The BCD digits up to the first `F` nibble; a 14-digit id (an IMEI without its check digit)
    /// gets its Luhn digit appended, the IMEI Traccar also tries.
    var deviceId: String {
        var digits = ""
        for nibble in rawId.flatMap({ [$0 >> 4, $0 & 0x0F] }) {
            guard nibble < 10 else { break }
            digits.append(Character(Unicode.Scalar(0x30 + nibble)))
        }
        return digits.count == 14 ? digits + String(Self.luhnDigit(digits)) : digits
    }

    /// A reader over the data, between command and CRC.
    func dataReader() -> ByteReader { ByteReader(bytes, offset: Self.headerSize, end: bytes.count - Self.trailerSize) }

    /// `bad_length` when the length field is not the packet's size, `bad_crc` when the CRC fails.
    var problem: String? {
        guard Int(bytes[2]) << 8 | Int(bytes[3]) == bytes.count else { return "bad_length" }
        let crcAt = bytes.count - Self.trailerSize
        return UInt16(bytes[crcAt]) << 8 | UInt16(bytes[crcAt + 1]) == Checksums.crc16CCITTFalse(bytes[..<crcAt]) ? nil : "bad_crc"
    }

    /// `@@ <length> <id> <command> <data> <crc> 0D 0A`, as replies and commands are sent (`$$`
    /// with `marker` 0x24, as devices send).
    static func packet(marker: UInt8 = 0x40, rawId: some Collection<UInt8>, command: UInt16, data: [UInt8]) -> [UInt8] {
        let body = [marker, marker] + bigEndianBytes(UInt16(17 + data.count)) + Array(rawId) + bigEndianBytes(command) + data
        return body + bigEndianBytes(Checksums.crc16CCITTFalse(body)) + [0x0D, 0x0A]
    }

    /// The check digit that makes `digits` pass the Luhn test.
    static func luhnDigit(_ digits: String) -> Int {
        let sum = digits.reversed().enumerated().reduce(0) { sum, item in
            let digit = Int(item.element.asciiValue! - 0x30)
            let doubled = item.offset % 2 == 0 ? digit * 2 : digit
            return sum + (doubled > 9 ? doubled - 9 : doubled)
        }
        return (10 - sum % 10) % 10
    }
}
