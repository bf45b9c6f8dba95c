/// One Ruptela packet (docs/protocols/ruptela.md "Framing and identification"):
/// `<length:2> <IMEI:8> <command:1> <data> <CRC-16/KERMIT:2>`.
struct RuptelaPacket {
    /// The whole packet.
    let bytes: [UInt8]
    /// The IMEI, 15 digits (the 64-bit number, zero-padded).
    let imei: String
    /// The command (message type): 1 records, 68 extended records, 9 DTCs, 15 identification, ...
    let command: UInt8

    /// Reads the envelope; throws when the packet is too short for one.
    init(_ bytes: [UInt8]) throws(DecodeError) {
        var reader = ByteReader(bytes)
        try reader.skip(2)
        let number = String(try reader.u64())
        imei = String(repeating: "0", count: max(0, 15 - number.count)) + number
        command = try reader.u8()
        self.bytes = bytes
    }

    /// A reader at the first data byte. Like Traccar's buffer it runs to the end of the packet,
    /// so the CRC counts as readable.
    func dataReader() -> ByteReader { ByteReader(bytes, offset: 11) }

    /// The declared length.
    var declaredLength: Int { Int(bytes[0]) << 8 | Int(bytes[1]) }

    /// `bad_length` or `bad_crc` when the packet fails its integrity checks, else `nil`.
    var problem: String? {
        guard declaredLength + 4 == bytes.count else { return "bad_length" }
        let carried = UInt16(bytes[bytes.count - 2]) << 8 | UInt16(bytes[bytes.count - 1])
        return Checksums.crc16Kermit(bytes[2..<(bytes.count - 2)]) == carried ? nil : "bad_crc"
    }

    /// A server packet: `<length:2> <100 + type> <content> <CRC-16/KERMIT:2>`, no IMEI.
    static func server(type: UInt8, content: [UInt8]) -> [UInt8] {
        let body = [100 &+ type] + content
        return bigEndianBytes(UInt16(truncatingIfNeeded: body.count)) + body + bigEndianBytes(Checksums.crc16Kermit(body))
    }
}
