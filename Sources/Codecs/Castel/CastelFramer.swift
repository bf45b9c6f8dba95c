/// Cuts a Castel stream at `@@` (SC and CC units) or `$$` (MPIP) headers, each frame as long as
/// its little-endian length field says (the whole packet), as Traccar's splitter does
/// (docs/protocols/castel.md "Framing and identification"). Bytes before a header are garbage; a
/// length shorter than the smallest packet or above Traccar's 1024-byte limit marks the header's
/// first byte as garbage, so the stream resynchronises.
public struct CastelFramer: Framer {
    /// Traccar's splitter refuses longer frames.
    public static let maxFrameLength = 1024

    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        if let garbage = Self.bytesBeforeHeader(bytes) { return garbage > 0 ? .discard(count: garbage, reason: "garbage") : .needMore }
        guard bytes.count >= 4 else { return .needMore }
        let length = Int(bytes[2]) | Int(bytes[3]) << 8
        guard length >= CastelFrame.smallestSize(marker: bytes[0]), length <= Self.maxFrameLength else { return .discard(count: 1, reason: "bad_length") }
        return bytes.count >= length ? .frame(length: length) : .needMore
    }

    /// `nil` when the bytes start with `@@` or `$$`; else how many come before the next possible
    /// header (0: the lone first byte may still become one).
    static func bytesBeforeHeader(_ bytes: UnsafeRawBufferPointer) -> Int? {
        for index in 0..<bytes.count where CastelFrame.markers.contains(bytes[index]) {
            if index + 1 == bytes.count { return index }
            if bytes[index + 1] == bytes[index] { return index == 0 ? nil : index }
        }
        return bytes.count
    }
}
