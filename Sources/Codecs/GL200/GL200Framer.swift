/// Cuts a GL200 stream: text reports end at `$` (or NUL, which the GT300 dialect uses), binary
/// frames carry their length at a header-specific offset. Frames keep their delimiter; bytes before
/// a `+` (or a Protocol Pro `-` header) are garbage and discarded.
///
/// Traccar cuts at `$` and falls back to NUL only when no `$` is buffered, which depends on how the
/// bytes arrived; here the first of the two ends the frame, so the cut is the same for any chunking.
public struct GL200Framer: Framer {
    /// A framer at the start of a stream.
    public init() {}

    /// The decision for the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard let first = bytes.first else { return .needMore }
        let isProHeader = first == UInt8(ascii: "-") && bytes.count > 1 && bytes[1] == 0x00
        guard first == UInt8(ascii: "+") || isProHeader else {
            var next = 1
            while next < bytes.count, bytes[next] != UInt8(ascii: "+") { next += 1 }
            return .discard(count: next, reason: "garbage")
        }
        if bytes.count < 2 || (bytes[1] != 0x00 && bytes.count < 5) { return .needMore }
        if let kind = GL200BinaryFrame(bytes) { return binary(bytes, kind: kind) }
        return text(bytes)
    }

    /// The frame's own length, once the length field has arrived.
    private func binary(_ bytes: UnsafeRawBufferPointer, kind: GL200BinaryFrame) -> FramerDecision {
        guard let length = kind.declaredLength(in: bytes) else { return .needMore }
        let (offset, width) = kind.lengthField
        guard length >= offset + width else { return .discard(count: 1, reason: "bad_length") }
        return bytes.count >= length ? .frame(length: length) : .needMore
    }

    /// Up to and including the first `$` or NUL.
    private func text(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        var index = 1
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "$") || bytes[index] == 0 { return .frame(length: index + 1) }
            index += 1
        }
        return .needMore
    }
}
