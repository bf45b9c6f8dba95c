/// One GT06 frame as cut by `GT06Framer`: `78 78 <len:1>` or `79 79 <len:2>`, the protocol number,
/// content, a 2-byte serial, the CRC-16/X-25 and `0D 0A` (docs/protocols/gt06.md "Framing").
struct GT06Frame {
    /// The whole frame, header to terminator.
    let bytes: [UInt8]
    /// `79 79` frames carry a 2-byte length.
    let extended: Bool
    /// The declared length: protocol number through CRC.
    let declaredLength: Int
    /// The protocol number (message type).
    let type: UInt8
    /// Index of the first content byte, just after the protocol number.
    let contentStart: Int

    /// The smallest frame that still has a protocol number and a serial (`78 78 01 <type> 0D 0A`).
    static let minimumCount = 6

    init(_ bytes: [UInt8]) throws(DecodeError) {
        guard bytes.count >= Self.minimumCount else {
            throw DecodeError("bad_length", "a GT06 frame needs at least \(Self.minimumCount) bytes, got \(bytes.count)")
        }
        guard bytes[0] == bytes[1], bytes[0] == 0x78 || bytes[0] == 0x79 else {
            throw DecodeError("bad_header", "a GT06 frame starts with 78 78 or 79 79")
        }
        self.bytes = bytes
        extended = bytes[0] == 0x79
        declaredLength = extended ? Int(bytes[2]) << 8 | Int(bytes[3]) : Int(bytes[2])
        contentStart = extended ? 5 : 4
        type = bytes[contentStart - 1]
    }

    /// The information serial number. Like Traccar, the 2 bytes 6 before the end, so broken
    /// frames still get an answer.
    var serial: UInt16 {
        let at = bytes.count - 6
        return UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1])
    }

    /// Whether the length field matches the frame size.
    var lengthIsConsistent: Bool {
        bytes.count == (extended ? 6 : 5) + declaredLength
    }

    /// Whether the CRC-16/X-25 over length..serial matches the carried CRC.
    var crcIsValid: Bool {
        let end = bytes.count - 4
        guard end > 2 else { return false }
        let carried = UInt16(bytes[end]) << 8 | UInt16(bytes[end + 1])
        return Checksums.crc16X25(bytes[2..<end]) == carried
    }

    /// A reader over the frame positioned at the content. Like Traccar's buffer it extends to the
    /// end of the frame, so "readable" counts include the 6 trailing bytes (serial, CRC, 0D 0A).
    func contentReader() -> ByteReader {
        ByteReader(bytes, offset: contentStart)
    }
}

extension ByteReader {
    /// Bytes left before the 6 trailing bytes (serial, CRC, terminator) of a GT06 frame.
    var gt06Payload: Int { remaining - 6 }
}
