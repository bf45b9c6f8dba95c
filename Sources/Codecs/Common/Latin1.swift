/// Device bytes as text, one character per byte, for the `;`/`,`-separated protocols (Meitrack,
/// Suntech, Watch, GL200).
///
/// Device text is read as Latin-1, one character per byte, so field lengths equal byte counts
/// (Suntech's serial-data length counts bytes) and binary bytes inside text never fail decoding.
enum Latin1 {
    /// The bytes as a string, one character per byte.
    static func string(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            var ascii = true
            for byte in buffer where byte >= 0x80 {
                ascii = false
                break
            }
            if ascii { return String(decoding: buffer, as: UTF8.self) }
            var scalars = String.UnicodeScalarView()
            for byte in buffer { scalars.append(Unicode.Scalar(byte)) }
            return String(scalars)
        }
    }

    /// The bytes as a string, one character per byte.
    static func string(_ bytes: [UInt8]) -> String { string(bytes[...]) }

    /// The bytes split at every `separator`, empty fields kept (Java's `split(sep, -1)`).
    static func fields(_ bytes: ArraySlice<UInt8>, separator: UInt8) -> [String] {
        var fields: [String] = []
        var start = bytes.startIndex
        for index in bytes.indices where bytes[index] == separator {
            fields.append(string(bytes[start..<index]))
            start = index + 1
        }
        fields.append(string(bytes[start..<bytes.endIndex]))
        return fields
    }
}
