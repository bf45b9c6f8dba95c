/// Cuts a JT808 TCP stream (docs/protocols/jt808.md "Framing and identification"): a binary frame
/// runs from its `7E` (or `E7`) delimiter to the next one, escapes still in place (`JT808Frame`
/// removes them); an ASCII frame runs from `(` to `)`. Bytes before a delimiter are garbage.
///
/// Two delimiters in a row mean the stream was out of step (a closing delimiter taken for an
/// opening one): the first is dropped, so the second opens the next frame.
public struct JT808Framer: Framer {
    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        let first = bytes[0]
        if first == UInt8(ascii: "(") {
            return Self.index(of: UInt8(ascii: ")"), in: bytes).map { .frame(length: $0 + 1) } ?? .needMore
        }
        guard JT808Frame.delimiters.contains(first) else {
            let next = (1..<bytes.count).first { Self.opensFrame(bytes[$0]) } ?? bytes.count
            return .discard(count: next, reason: "garbage")
        }
        guard let end = Self.index(of: first, in: bytes) else { return .needMore }
        return end == 1 ? .discard(count: 1, reason: "garbage") : .frame(length: end + 1)
    }

    private static func opensFrame(_ byte: UInt8) -> Bool {
        JT808Frame.delimiters.contains(byte) || byte == UInt8(ascii: "(")
    }

    /// The first index after the first byte that holds `byte`.
    private static func index(of byte: UInt8, in bytes: UnsafeRawBufferPointer) -> Int? {
        (1..<bytes.count).first { bytes[$0] == byte }
    }
}
