/// Cuts an H02 stream: text `*…#` (CR/LF after it dropped), binary `$` reports of a fixed length,
/// and 32-byte `X` frames. Bytes before a marker are garbage.
///
/// Traccar picks the binary length from the size of the first TCP chunk (45 if it is exactly 45
/// bytes, else 32), which cannot work byte by byte. This framer decides from content instead:
/// a report is 32 bytes when byte 32 starts another message (or is CR/LF) or nothing follows
/// yet, 45 when something else follows; the first decision made with bytes beyond 32 sticks for the connection.
/// A configured `messageLength` overrides all of this.
public struct H02Framer: Framer {
    static let shortLength = 32
    static let longLength = 45

    private var messageLength: Int?

    /// A framer; `messageLength` fixes the binary report length (Traccar's `h02.messageLength`).
    public init(messageLength: Int? = nil) {
        self.messageLength = messageLength.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard let first = bytes.first else { return .needMore }
        switch first {
        case UInt8(ascii: "*"): return text(bytes)
        case UInt8(ascii: "$"): return binary(bytes)
        case UInt8(ascii: "X"): return bytes.count >= Self.shortLength ? .frame(length: Self.shortLength) : .needMore
        case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
            return .discard(count: bytes.prefix { $0 == 0x0D || $0 == 0x0A }.count, reason: "separator")
        default:
            return .discard(count: bytes.firstIndex(where: Self.isMarker) ?? bytes.count, reason: "garbage")
        }
    }

    private func text(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard let end = bytes.firstIndex(of: UInt8(ascii: "#")) else { return .needMore }
        return .frame(length: end + 1)
    }

    private mutating func binary(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        if let messageLength {
            return bytes.count >= messageLength ? .frame(length: messageLength) : .needMore
        }
        guard bytes.count >= Self.shortLength else { return .needMore }
        guard bytes.count > Self.shortLength else { return .frame(length: Self.shortLength) }
        if Self.isMarker(bytes[Self.shortLength]) || bytes[Self.shortLength] == 0x0D || bytes[Self.shortLength] == 0x0A {
            messageLength = Self.shortLength
            return .frame(length: Self.shortLength)
        }
        guard bytes.count >= Self.longLength else { return .needMore }
        messageLength = Self.longLength
        return .frame(length: Self.longLength)
    }

    private static func isMarker(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "*") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "X")
    }
}
