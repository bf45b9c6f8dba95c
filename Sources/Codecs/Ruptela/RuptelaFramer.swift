/// Cuts a Ruptela TCP stream (docs/protocols/ruptela.md "Framing"): `<length:2> <IMEI:8>
/// <command> <data> <CRC:2>`, `length + 4` bytes. A length too short for the IMEI and command,
/// or longer than any Ruptela packet, marks the first byte as garbage so the stream resynchronises.
public struct RuptelaFramer: Framer {
    /// The shortest length a device packet declares: IMEI and command.
    static let minimumLength = 9
    /// The longest length taken as real (file chunks are about 1 kB, records under 2 kB).
    static let maximumLength = 0x3FFF

    /// A framer at the start of a connection.
    public init() {}

    /// Decides about the bytes at the start of the unconsumed stream.
    public mutating func cut(_ bytes: UnsafeRawBufferPointer) -> FramerDecision {
        guard bytes.count >= 2 else { return .needMore }
        let length = Int(bytes[0]) << 8 | Int(bytes[1])
        guard (Self.minimumLength...Self.maximumLength).contains(length) else { return .discard(count: 1, reason: "bad_length") }
        return bytes.count >= length + 4 ? .frame(length: length + 4) : .needMore
    }
}
