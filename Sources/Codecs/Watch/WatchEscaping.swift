/// The watch protocol's escaping of binary content: `}` `[` `]` `,` `*` travel as `7D 01`…`7D 05`.
public enum WatchEscaping {
    private static let escaped: [UInt8] = [0x7D, 0x5B, 0x5D, 0x2C, 0x2A]

    /// The bytes with every escape pair replaced by its byte; a `}` not followed by 01–05 is kept.
    public static func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in
            guard input.contains(0x7D) else { return Array(input) }
            var out: [UInt8] = []
            out.reserveCapacity(input.count)
            var index = 0
            while index < input.count {
                let byte = input[index]
                if byte == 0x7D, index + 1 < input.count, (1...5).contains(input[index + 1]) {
                    out.append(escaped[Int(input[index + 1]) - 1])
                    index += 2
                } else {
                    out.append(byte)
                    index += 1
                }
            }
            return out
        }
    }

    /// The bytes with every escape pair replaced by its byte.
    public static func unescape(_ bytes: [UInt8]) -> [UInt8] { unescape(bytes[...]) }

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
