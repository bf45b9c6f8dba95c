/// Cuts watch frames `[MF*ID*LEN*CONTENT]` at the `]` that balances the opening `[`. Binary
/// content travels escaped (`}` 01–05), so brackets inside it never count; frames keep their
/// escaped wire form (see `WatchEscaping`). Bytes before a `[` are discarded.
public struct WatchFramer: Framer {
    /// A framer for one connection (it keeps no state between calls).
    public init() {}

    /// Decides about the bytes at the start of the stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        let open = UInt8(ascii: "[")
        guard bytes[0] == open else {
            return .discard(count: bytes.firstIndex(of: open) ?? bytes.count, reason: "garbage")
        }
        var depth = 0
        for index in 0..<bytes.count {
            switch bytes[index] {
            case open: depth += 1
            case UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return .frame(length: index + 1) }
            default: continue
            }
        }
        return .needMore
    }
}
