/// Cuts an Eelink TCP stream into `67 67 <type> <length:2> <serial:2> <content>` packets of
/// `length + 5` bytes, as Traccar's length-field splitter does (docs/protocols/eelink.md
/// "Framing and identification"). Bytes before a `67 67` header are garbage; a length below 2
/// (no room for the serial) or above Traccar's 1024-byte limit marks the header itself as garbage,
/// so the stream resynchronises on the next packet.
public struct EelinkFramer: Framer {
    /// Traccar's splitter refuses longer frames.
    public static let maxFrameLength = 1024

    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        if let garbage = Self.bytesBeforeHeader(bytes) { return garbage > 0 ? .discard(count: garbage, reason: "garbage") : .needMore }
        guard bytes.count >= 5 else { return .needMore }
        let length = Int(bytes[3]) << 8 | Int(bytes[4])
        guard length >= 2, length + 5 <= Self.maxFrameLength else { return .discard(count: 1, reason: "bad_length") }
        return bytes.count >= length + 5 ? .frame(length: length + 5) : .needMore
    }

    /// `nil` when the bytes start with `67 67`; else how many come before the next possible header
    /// (0: the lone first byte may still become one).
    static func bytesBeforeHeader(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x67 && (index + 1 == bytes.count || bytes[index + 1] == 0x67) {
                return index == 0 ? (bytes.count > 1 ? nil : 0) : index
            }
            index += 1
        }
        return bytes.count
    }
}
