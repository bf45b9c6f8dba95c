/// Cuts a Wialon IPS TCP stream into lines (docs/protocols/wialon.md "Framing"): each message
/// ends at `\n` (`\r\n` too), which stays in the frame; lines holding nothing but white space
/// are discarded. Over UDP each datagram is one message.
public struct WialonFramer: Framer {
    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard let end = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return .needMore }
        let isEmpty = bytes[..<end].allSatisfy { $0 == 0x0D || $0 == 0x20 || $0 == 0x09 }
        return isEmpty ? .discard(count: end + 1, reason: "empty") : .frame(length: end + 1)
    }
}
