/// Cuts a GPS103 stream into lines ending at `;`, `*`, `\n` (or `\r\n`). The delimiter stays in
/// the frame, as Traccar hands it to the decoder; frames holding nothing but delimiters and
/// line breaks are discarded.
public struct GPS103Framer: Framer {
    /// A codec with Traccar-compatible defaults.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard let end = bytes.firstIndex(where: Self.isDelimiter) else { return .needMore }
        let length = end + 1
        let isEmpty = bytes[..<end].allSatisfy { $0 == 0x0D || $0 == 0x0A || $0 == 0x20 }
        return isEmpty ? .discard(count: length, reason: "empty") : .frame(length: length)
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ";") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "\n")
    }
}
