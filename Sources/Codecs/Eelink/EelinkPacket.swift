/// One `67 67` packet: type, serial (Traccar's `index`) and content (docs/protocols/eelink.md
/// "Framing and identification"). The length counts serial and content.
struct EelinkPacket {
    static let header: [UInt8] = [0x67, 0x67]

    let type: UInt8
    let serial: UInt16
    /// The content after the serial, as a reader limited to the packet.
    let content: ByteReader
    /// Whether the bytes ran out before the length said the packet ends (read up to where they do).
    let isTruncated: Bool

    /// The packets from `offset` to the end of `bytes`; throws when one lacks even its header.
    static func all(in bytes: [UInt8], from offset: Int) throws(DecodeError) -> [EelinkPacket] {
        var reader = ByteReader(bytes, offset: offset)
        var packets: [EelinkPacket] = []
        while reader.remaining > 0 {
            try reader.skip(2)  // 67 67, as Traccar: not checked
            let type = try reader.u8()
            let length = Int(try reader.u16())
            let end = reader.offset + length
            let serial = try reader.u16()
            packets.append(EelinkPacket(type: type, serial: serial, content: ByteReader(bytes, offset: reader.offset, end: end), isTruncated: end > bytes.count))
            try reader.skip(min(max(0, length - 2), reader.remaining))
        }
        guard !packets.isEmpty else { throw DecodeError("truncated", "Eelink frame without a packet") }
        return packets
    }

    /// A packet's bytes: `67 67 <type> <length> <serial> <content>`.
    static func bytes(type: UInt8, serial: UInt16, content: [UInt8]) -> [UInt8] {
        header + [type] + bigEndianBytes(UInt16(2 + content.count)) + bigEndianBytes(serial) + content
    }
}
