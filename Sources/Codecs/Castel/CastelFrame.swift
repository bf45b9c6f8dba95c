/// One Castel packet: `@@ <length:2 LE> <version> <id:20> <type:2 BE> <data> <crc:2 LE> 0D 0A`, or
/// the MPIP form `$$ …` without the version byte (docs/protocols/castel.md "Framing and
/// identification"). The CRC is CRC-16/X-25 over everything before it.
struct CastelFrame {
    /// `@` and `$`, the two markers (each doubled).
    static let markers: [UInt8] = [0x40, 0x24]
    static let trailerSize = 4

    /// The variant the version byte selects.
    enum Variant: Equatable { case sc, cc, mpip }

    let bytes: [UInt8]
    /// The version byte; `nil` for MPIP.
    let version: UInt8?
    /// The 20 ID bytes as sent (replies echo them).
    let rawId: ArraySlice<UInt8>
    let type: UInt16
    /// Where the data starts; it ends before the CRC.
    let dataStart: Int

    /// The smallest packet: header, id, type and trailer, no data.
    static func smallestSize(marker: UInt8) -> Int { marker == 0x24 ? 30 : 31 }

    /// Reads the header; throws when the frame is too short for it.
    init(_ bytes: [UInt8]) throws(DecodeError) {
        var reader = ByteReader(bytes, offset: 4)
        version = bytes.first == 0x24 ? nil : try reader.u8()
        rawId = try reader.read(20)
        type = try reader.u16()
        dataStart = reader.offset
        guard bytes.count >= dataStart + Self.trailerSize else { throw DecodeError("truncated", "Castel packet of \(bytes.count) bytes") }
        self.bytes = bytes
    }

    /// Versions 3 and 4 are SC units, any other version CC; `$$` packets are MPIP.
    var variant: Variant {
        guard let version else { return .mpip }
        return version == 3 || version == 4 ? .sc : .cc
    }

    /// The device id: the ASCII id trimmed of NUL padding and spaces at both ends (Java's `trim`).
    var deviceId: String {
        let printable = rawId.drop { $0 <= 0x20 }
        return Latin1.string(printable.prefix(printable.count - printable.reversed().prefix { $0 <= 0x20 }.count))
    }

    /// A reader over the data, up to the CRC.
    func dataReader() -> ByteReader { ByteReader(bytes, offset: dataStart, end: bytes.count - Self.trailerSize) }

    /// `bad_length` when the length field is not the packet's size, `bad_crc` when the CRC fails.
    var problem: String? {
        let declared = Int(bytes[2]) | Int(bytes[3]) << 8
        guard declared == bytes.count else { return "bad_length" }
        let crcAt = bytes.count - Self.trailerSize
        let carried = UInt16(bytes[crcAt]) | UInt16(bytes[crcAt + 1]) << 8
        return carried == Checksums.crc16X25(bytes[..<crcAt]) ? nil : "bad_crc"
    }

    /// A packet in this frame's form: `@@` with `version`, or `$$`-less MPIP replies with none.
    static func packet(version: UInt8?, rawId: some Collection<UInt8>, type: UInt16, data: [UInt8]) -> [UInt8] {
        let head = (version.map { [$0] } ?? []) + Array(rawId) + bigEndianBytes(type) + data
        let length = UInt16(4 + head.count + trailerSize)
        let body = [0x40, 0x40, UInt8(length & 0xFF), UInt8(length >> 8)] + head
        let crc = Checksums.crc16X25(body)
        return body + [UInt8(crc & 0xFF), UInt8(crc >> 8), 0x0D, 0x0A]
    }
}
