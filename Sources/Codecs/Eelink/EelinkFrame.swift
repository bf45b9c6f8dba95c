/// What one Eelink frame holds: a TCP packet (or several), or a UDP datagram whose envelope names
/// the device (docs/protocols/eelink.md "Framing and identification").
struct EelinkFrame {
    let packets: [EelinkPacket]
    /// The envelope's IMEI: set exactly for `EL` datagrams, whose replies are wrapped the same way.
    let datagramIMEI: String?
    /// `bad_length` / `bad_checksum` from the envelope, or `bad_length` for a packet cut short.
    let problem: String?

    /// Reads the envelope (when the frame starts `EL`, as Traccar decides) and the packets.
    init(_ bytes: [UInt8]) throws(DecodeError) {
        if EelinkDatagram.isDatagram(bytes) {
            let datagram = try EelinkDatagram(bytes)
            datagramIMEI = datagram.imei
            packets = try EelinkPacket.all(in: bytes, from: EelinkDatagram.headerSize)
            problem = datagram.problem ?? (packets.contains(where: \.isTruncated) ? "bad_length" : nil)
        } else {
            datagramIMEI = nil
            packets = try EelinkPacket.all(in: bytes, from: 0)
            problem = packets.contains(where: \.isTruncated) ? "bad_length" : nil
        }
    }

    /// The IMEI of the first login packet: 8 BCD bytes without the leading zero nibble.
    var loginIMEI: String? {
        guard var content = packets.first(where: { $0.type == EelinkPacketType.login })?.content,
              let bcd = try? content.read(8) else { return nil }
        return String(HexText.lowercase(bcd).dropFirst())
    }

    /// The device the frame names: the datagram's IMEI, else a login's.
    var deviceId: String? { datagramIMEI ?? loginIMEI }

    /// Traccar's replies: `67 67 <type> <length> <serial> [content]` for every answered packet, the
    /// login's content being the server time, `00 01` and `00`; wrapped in one `EL` envelope for
    /// datagrams. `nil` when nothing is answered.
    func reply(serverTimeMs: Int64) -> [UInt8]? {
        let answers = packets.filter { EelinkPacketType.isAnswered($0.type) }.flatMap { packet in
            let content = packet.type == EelinkPacketType.login ? bigEndianBytes(UInt32(truncatingIfNeeded: serverTimeMs / 1000)) + [0x00, 0x01, 0x00] : []
            return EelinkPacket.bytes(type: packet.type, serial: packet.serial, content: content)
        }
        guard !answers.isEmpty else { return nil }
        return datagramIMEI.map { EelinkDatagram.wrap(answers, imei: $0) } ?? answers
    }
}
