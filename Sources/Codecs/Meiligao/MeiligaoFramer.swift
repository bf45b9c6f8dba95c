/// Cuts a Meiligao stream into `$$ <length:2> <id:7> <command:2> <data> <crc:2> 0D 0A` packets
/// (docs/protocols/meiligao.md "Framing and identification"). Traccar syncs on `$` and trusts the
/// length, which many devices send wrong (often zero). Here the length is trusted when it is
/// plausible and the packet ends `0D 0A` where it says; otherwise the packet ends at the first
/// `0D 0A` after the header and CRC. Bytes before a `$` are garbage.
public struct MeiligaoFramer: Framer {
    /// `$$`, length, id, command, CRC and `0D 0A`.
    public static let smallestFrame = 17
    /// Photo chunks are about 1 kB; longer declared lengths are not trusted.
    public static let largestTrustedFrame = 4096

    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        if bytes[0] != 0x24 {
            let garbage = bytes.firstIndex(of: 0x24) ?? bytes.count
            return .discard(count: garbage, reason: "garbage")
        }
        guard bytes.count >= 4 else { return .needMore }
        let declared = Int(bytes[2]) << 8 | Int(bytes[3])
        if (Self.smallestFrame...Self.largestTrustedFrame).contains(declared) {
            guard bytes.count >= declared else { return .needMore }
            if bytes[declared - 2] == 0x0D && bytes[declared - 1] == 0x0A { return .frame(length: declared) }
        }
        return Self.terminatorEnd(bytes).map { .frame(length: $0) } ?? .needMore
    }

    /// The length up to and including the first `0D 0A` that can end a packet.
    private static func terminatorEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var index = smallestFrame - 2
        while index + 1 < bytes.count {
            if bytes[index] == 0x0D && bytes[index + 1] == 0x0A { return index + 2 }
            index += 1
        }
        return nil
    }
}
