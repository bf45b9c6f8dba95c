/// The watch protocol's escaping of binary content: `}` `[` `]` `,` `*` travel as `7D 01`…`7D 05`.
public enum WatchEscaping {
    private static let escaped: [UInt8] = [0x7D, 0x5B, 0x5D, 0x2C, 0x2A]

    /// The bytes with every escape pair replaced by its byte; a `}` not followed by 01–05 is kept.
    public static func unescape(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingEscape = false
        for byte in bytes {
            if pendingEscape {
                pendingEscape = false
                if (1...5).contains(byte) {
                    out.append(escaped[Int(byte) - 1])
                    continue
                }
                out.append(0x7D)
            }
            if byte == 0x7D { pendingEscape = true } else { out.append(byte) }
        }
        if pendingEscape { out.append(0x7D) }
        return out
    }

    /// The bytes with `}` `[` `]` `,` `*` escaped, as the server sends binary data.
    public static func escape(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        for byte in bytes {
            if let index = escaped.firstIndex(of: byte) {
                out += [0x7D, UInt8(index + 1)]
            } else {
                out.append(byte)
            }
        }
        return out
    }
}
