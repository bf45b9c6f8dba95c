/// Cuts a Topin TCP stream (docs/protocols/topin.md "Framing"): `78 78 <len> <type> <content>
/// 0D 0A`. Traccar has no splitter (one TCP read, one message) and the length byte does not
/// describe the content, so a frame ends at the first `0D 0A` after the shortest content its
/// type can have: binary fixes and cell lists may hold `0D 0A` themselves. Bytes before a
/// `78 78` header are garbage.
public struct TopinFramer: Framer {
    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        if let garbage = Self.garbageCount(bytes) { return garbage > 0 ? .discard(count: garbage, reason: "garbage") : .needMore }
        guard bytes.count >= 4, let minimum = Self.minimumContent(bytes) else { return .needMore }
        var index = 4 + minimum
        while index + 1 < bytes.count {
            if bytes[index] == 0x0D && bytes[index + 1] == 0x0A { return .frame(length: index + 2) }
            index += 1
        }
        return .needMore
    }

    /// The fewest content bytes a frame of this type holds, `nil` until the bytes that decide it
    /// have arrived. 0x08/0x09 reports may also be empty.
    private static func minimumContent(_ bytes: UnsafeRawBufferPointer) -> Int? {
        let length = Int(bytes[2])
        switch bytes[3] {
        case 0x01: return 8
        case 0x10, 0x11: return 18
        case 0x13: return 4
        case 0x08, 0x09:
            guard bytes.count >= 6 else { return nil }
            return bytes[4] == 0x0D && bytes[5] == 0x0A ? 0 : 25
        case 0x17, 0x18, 0x19, 0x1A, 0x69:
            let cellCount = 4 + 6 + 7 * length
            guard bytes.count > cellCount else { return nil }
            return 6 + 7 * length + 4 + 5 * Int(bytes[cellCount])
        default: return 0
        }
    }

    /// `nil` when the bytes start with `78 78`; otherwise how many bytes precede the next
    /// possible header (0: the lone `78` may still become one).
    private static func garbageCount(_ bytes: UnsafeRawBufferPointer) -> Int? {
        if bytes[0] == 0x78 && (bytes.count == 1 || bytes[1] == 0x78) { return bytes.count == 1 ? 0 : nil }
        let next = (1..<bytes.count).first { bytes[$0] == 0x78 && ($0 + 1 == bytes.count || bytes[$0 + 1] == 0x78) }
        return next ?? bytes.count
    }
}
