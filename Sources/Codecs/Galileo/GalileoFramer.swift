/// Cuts a Galileosky TCP stream (docs/protocols/galileo.md "Framing"): `<header> <length:2 LE>
/// <tags> <CRC:2>`, `length + 5` bytes (bit 15 of the length is a flag), or the Iridium form
/// `01 <length:2 BE> 01 00 1C …` of `length + 3` bytes. A first byte that is no header (`01`
/// data, `07` photo, `08` compressed) is garbage.
public struct GalileoFramer: Framer {
    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard GalileoPacket.headers.contains(bytes[0]) else { return .discard(count: 1, reason: "garbage") }
        guard bytes.count >= 6 else { return .needMore }
        let size: Int
        if bytes[0] == 0x01 && bytes[3] == 0x01 && bytes[4] == 0x00 && bytes[5] == 0x1C {
            size = (Int(bytes[1]) << 8 | Int(bytes[2])) + 3
        } else {
            size = (Int(bytes[2] & 0x7F) << 8 | Int(bytes[1])) + 5
        }
        return bytes.count >= size ? .frame(length: size) : .needMore
    }
}
