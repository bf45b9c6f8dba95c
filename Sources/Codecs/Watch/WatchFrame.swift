/// One watch frame `[MF*ID*LEN*CONTENT]` or, from ZJ devices, `[MF*ID*IDX*LEN*CONTENT]`, with the
/// content unescaped. CONTENT is `TYPE[,data]`; LEN is 4 hex digits Traccar never checks.
struct WatchFrame {
    /// The two-character vendor tag (`3G`, `SG`, `CS`, `ZJ`…).
    let manufacturer: String
    let id: String
    /// The 4-hex-digit index field, when the device uses one.
    let index: String?
    let lengthField: String
    /// The unescaped content between the length field and the closing `]`.
    let content: [UInt8]

    init(_ frame: [UInt8]) throws(DecodeError) {
        let star = UInt8(ascii: "*")
        guard frame.count >= 6, frame[0] == UInt8(ascii: "["), frame[3] == star,
              let idEnd = frame[4...].firstIndex(of: star), idEnd > 4 else {
            throw DecodeError("malformed", "not a watch frame")
        }
        manufacturer = Latin1.string(frame[1..<3])
        id = Latin1.string(frame[4..<idEnd])
        var cursor = idEnd + 1
        if let next = frame[cursor...].firstIndex(of: star), next + 5 < frame.count, frame[next + 5] == star,
           frame[(next + 1)...(next + 4)].allSatisfy(Self.isHexDigit) {
            index = Latin1.string(frame[cursor..<next])
            cursor = next + 1
        } else {
            index = nil
        }
        guard cursor + 5 <= frame.count, frame[cursor + 4] == star else {
            throw DecodeError("malformed", "watch frame without length field")
        }
        lengthField = Latin1.string(frame[cursor..<(cursor + 4)])
        let end = frame.last == UInt8(ascii: "]") ? frame.count - 1 : frame.count
        content = cursor + 5 < end ? WatchEscaping.unescape(frame[(cursor + 5)..<end]) : []
    }

    /// The message type: the content up to the first comma.
    var type: String { Latin1.string(content.prefix { $0 != UInt8(ascii: ",") }) }

    /// The content after `TYPE,` (empty when there is none).
    var data: ArraySlice<UInt8> {
        guard let comma = content.firstIndex(of: UInt8(ascii: ",")) else { return [] }
        return content[(comma + 1)...]
    }

    /// A frame `[MF*ID*(IDX*)len*content]` with the length in four lowercase hex digits.
    static func encode(manufacturer: String, id: String, index: String?, length: Int, content: [UInt8]) -> [UInt8] {
        let hex = String(length, radix: 16)
        let paddedLength = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        let head = "[\(manufacturer)*\(id)*" + (index.map { "\($0)*" } ?? "") + "\(paddedLength)*"
        return Array(head.utf8) + content + [UInt8(ascii: "]")]
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
    }
}
