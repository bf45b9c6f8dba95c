/// The UDP envelope `45 4C <length:2> <checksum:2> <IMEI:8 BCD>` around one or more packets
/// (docs/protocols/eelink.md "Framing and identification"). The length counts the bytes after
/// it; the checksum covers IMEI and packets.
struct EelinkDatagram {
    static let marker: [UInt8] = [0x45, 0x4C]
    static let headerSize = 14

    /// The IMEI: the BCD digits without their leading zero nibble.
    let imei: String
    /// `bad_length` or `bad_checksum` when the envelope disagrees with the bytes.
    let problem: String?

    /// Whether `bytes` start with the `EL` marker.
    static func isDatagram(_ bytes: [UInt8]) -> Bool { bytes.starts(with: marker) }

    /// Reads the envelope; throws when the datagram is shorter than it.
    init(_ bytes: [UInt8]) throws(DecodeError) {
        var reader = ByteReader(bytes, offset: 2)
        let length = Int(try reader.u16())
        let checksum = try reader.u16()
        imei = String(HexText.lowercase(try reader.read(8)).dropFirst())
        if length != bytes.count - 4 {
            problem = "bad_length"
        } else {
            problem = Self.checksum(bytes[6...]) == checksum ? nil : "bad_checksum"
        }
    }

    /// `packets` wrapped for `imei`, as Traccar's encoder sends replies and commands over UDP.
    static func wrap(_ packets: [UInt8], imei: String) -> [UInt8] {
        let digits = Array(("0" + imei).utf8).prefix(16)
        let bcd = stride(from: 0, to: digits.count - 1, by: 2).map { (HexText.nibble(digits[$0]) ?? 0) << 4 | (HexText.nibble(digits[$0 + 1]) ?? 0) }
        let body = bcd + [UInt8](repeating: 0, count: 8 - bcd.count) + packets
        return marker + bigEndianBytes(UInt16(truncatingIfNeeded: 2 + body.count)) + bigEndianBytes(checksum(body)) + body
    }

    /// Each byte added to the 16-bit sum rotated left by one.
    static func checksum(_ bytes: some Sequence<UInt8>) -> UInt16 {
        bytes.reduce(UInt16(0)) { sum, byte in (sum << 1 | sum >> 15) &+ UInt16(byte) }
    }
}
