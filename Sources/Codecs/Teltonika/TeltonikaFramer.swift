/// Cuts a Teltonika TCP stream the way Traccar's frame decoder does: a `FF` keep-alive is a
/// one-byte frame; two non-zero leading bytes start an IMEI packet of `2 + length` bytes; otherwise
/// the stream holds an AVL packet, `00000000 <length:4> <data> <crc:4>`, of `length + 12` bytes.
///
/// Traccar trusts every length. Here an IMEI length above `maxIdentifierLength`, an IMEI byte that
/// is not printable ASCII, a non-zero preamble or a data length above `maxDataLength` marks the
/// first byte as garbage, so the stream resynchronises on the next real frame.
public struct TeltonikaFramer: Framer {
    /// Longest IMEI packet body taken as real (IMEIs are 15 digits).
    public static let maxIdentifierLength = 32
    /// Largest AVL data length taken as real (codec 12 camera chunks are about 2 kB).
    public static let maxDataLength = 0xFFFF

    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        if bytes[0] == 0xFF { return .frame(length: 1) }
        guard bytes.count >= 2 else { return .needMore }
        let length = Int(bytes[0]) << 8 | Int(bytes[1])
        return length > 0 ? cutIdentification(bytes, length: length) : cutDataPacket(bytes)
    }

    private func cutIdentification(_ bytes: UnsafeRawBufferPointer, length: Int) -> FramerDecision {
        guard length <= Self.maxIdentifierLength else { return .discard(count: 1, reason: "garbage") }
        let available = min(bytes.count, length + 2)
        for index in 2..<available where !(0x20...0x7E).contains(bytes[index]) {
            return .discard(count: 1, reason: "garbage")
        }
        return bytes.count >= length + 2 ? .frame(length: length + 2) : .needMore
    }

    private func cutDataPacket(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        for index in 2..<min(bytes.count, 4) where bytes[index] != 0 {
            return .discard(count: 1, reason: "garbage")
        }
        guard bytes.count >= 8 else { return .needMore }
        let dataLength = (4..<8).reduce(0) { $0 << 8 | Int(bytes[$1]) }
        guard dataLength <= Self.maxDataLength else { return .discard(count: 1, reason: "bad_length") }
        return bytes.count >= dataLength + 12 ? .frame(length: dataLength + 12) : .needMore
    }
}
