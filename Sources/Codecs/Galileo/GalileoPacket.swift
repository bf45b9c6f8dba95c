/// One Galileosky packet as cut by `GalileoFramer` (docs/protocols/galileo.md "Framing").
struct GalileoPacket {
    /// `01` tagged records, `07` photo chunk, `08` compressed records.
    static let headers: [UInt8] = [0x01, 0x07, 0x08]

    /// The whole packet.
    let bytes: [UInt8]
    /// Its first byte.
    let header: UInt8
    /// The Iridium satellite form: big-endian length, no CRC, no reply.
    let isIridium: Bool

    /// Reads the envelope; throws when the packet is too short for one.
    init(_ bytes: [UInt8]) throws(DecodeError) {
        guard bytes.count >= 5, Self.headers.contains(bytes[0]) else {
            throw DecodeError("malformed", "a Galileosky packet starts with 01, 07 or 08 and has at least 5 bytes")
        }
        self.bytes = bytes
        header = bytes[0]
        isIridium = header == 0x01 && bytes.count >= 6 && bytes[3] == 0x01 && bytes[4] == 0x00 && bytes[5] == 0x1C
    }

    /// The declared length (flag bit masked off): the tag bytes between length and CRC.
    var declaredLength: Int {
        isIridium ? Int(bytes[1]) << 8 | Int(bytes[2]) : Int(bytes[2] & 0x7F) << 8 | Int(bytes[1])
    }

    /// A reader over the tags (or the Iridium body), CRC excluded.
    func bodyReader() -> ByteReader {
        ByteReader(bytes, offset: 3, end: isIridium ? bytes.count : min(bytes.count, 3 + declaredLength))
    }

    /// The two CRC bytes as received.
    var crcBytes: ArraySlice<UInt8> { bytes.suffix(2) }

    /// `bad_length` or `bad_crc` (CRC-16/MODBUS over everything before it) when the packet fails
    /// its integrity checks; Iridium packets carry no CRC.
    var problem: String? {
        if isIridium { return declaredLength + 3 == bytes.count ? nil : "bad_length" }
        guard declaredLength + 5 == bytes.count else { return "bad_length" }
        let carried = UInt16(bytes[bytes.count - 1]) << 8 | UInt16(bytes[bytes.count - 2])
        return Checksums.crc16Modbus(bytes.dropLast(2)) == carried ? nil : "bad_crc"
    }

    /// The acknowledgement: `02` (`07` for photo chunks) and the received CRC bytes; none for Iridium.
    var ack: [UInt8]? {
        isIridium ? nil : [header == 0x07 ? 0x07 : 0x02] + crcBytes
    }

    /// A `01` packet of `tags`: header, little-endian length, tags, CRC-16/MODBUS little-endian.
    static func frame(_ tags: [UInt8]) -> [UInt8] {
        let packet = [0x01] + littleEndianBytes(UInt16(truncatingIfNeeded: tags.count)) + tags
        return packet + littleEndianBytes(Checksums.crc16Modbus(packet))
    }
}
