/// Cuts a TK103 stream into `( … )` frames. The end is the first `)` outside `$…$` free text
/// (an even number of `$` seen since the `(`). Bytes before `(` are garbage; an unterminated
/// frame longer than 1 KiB is dropped up to the next `(`, as Traccar trims such buffers.
public struct TK103Framer: Framer {
    static let maxUnterminated = 1024

    /// A codec with Traccar-compatible defaults.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard let start = bytes.firstIndex(of: UInt8(ascii: "(")) else {
            return .discard(count: bytes.count, reason: "garbage")
        }
        guard start == 0 else { return .discard(count: start, reason: "garbage") }
        var dollars = 0
        for index in 1..<bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "$"): dollars += 1
            case UInt8(ascii: ")") where dollars % 2 == 0: return .frame(length: index + 1)
            default: continue
            }
        }
        guard bytes.count > Self.maxUnterminated else { return .needMore }
        let next = bytes[1...].firstIndex(of: UInt8(ascii: "(")) ?? bytes.count
        return .discard(count: next, reason: "oversized")
    }
}
