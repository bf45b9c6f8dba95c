/// What one ATrack frame is (docs/protocols/atrack.md "Framing"), told apart as Traccar does: the
/// keep-alive by `FE 02`, info and command results by `$`, text reports by a comma at index 2,
/// and anything else as a binary packet.
enum AtrackFrame {
    /// `FE 02 <unit id 8> <seq 2>`, echoed unchanged.
    case keepAlive
    /// `$INFO=…`, `$OK`, `$ERROR=…`.
    case dollar(String)
    /// `@P,<crc>,<length>,<seq>,<unit id>,<records>`.
    case text(AtrackTextHeader)
    /// `@x <crc 2> <length 2> <seq 2> <unit id 8> <records>`; `@R` carries a photo chunk.
    case binary(AtrackBinaryHeader)

    init(_ bytes: [UInt8]) throws(DecodeError) {
        guard bytes.count >= 3 else { throw DecodeError("truncated", "ATrack frame of \(bytes.count) bytes") }
        if bytes[0] == 0xFE && bytes[1] == 0x02 {
            self = .keepAlive
        } else if bytes[0] == 0x24 {
            self = .dollar(Self.trimmed(Latin1.string(bytes)))
        } else if bytes[2] == 0x2C {
            self = .text(try AtrackTextHeader(bytes))
        } else {
            self = .binary(try AtrackBinaryHeader(bytes))
        }
    }

    /// Java's `trim`: no control characters or spaces at either end.
    static func trimmed(_ text: some StringProtocol) -> String {
        let scalars = text.unicodeScalars
        let start = scalars.firstIndex { $0.value > 0x20 } ?? scalars.endIndex
        let end = scalars.lastIndex { $0.value > 0x20 }.map { scalars.index(after: $0) } ?? start
        return String(String.UnicodeScalarView(scalars[start..<max(start, end)]))
    }
}

/// The binary packet header: CRC-16/ARC of everything from the length field on, the length of
/// what follows it, the sequence id and the unit id (the IMEI as a number).
struct AtrackBinaryHeader {
    static let size = 16
    let bytes: [UInt8]
    let isPhoto: Bool
    let sequence: UInt16
    let unitId: UInt64

    init(_ bytes: [UInt8]) throws(DecodeError) {
        var reader = ByteReader(bytes, offset: 6)
        sequence = try reader.u16()
        unitId = try reader.u64()
        isPhoto = bytes[1] == 0x52
        self.bytes = bytes
    }

    /// Traccar's ack: `FE 02 <unit id> <seq>`.
    var ack: [UInt8] { [0xFE, 0x02] + bigEndianBytes(unitId) + bigEndianBytes(sequence) }

    /// `bad_length` when the length field disagrees, `bad_crc` when the CRC does.
    var problem: String? {
        guard Int(bytes[4]) << 8 | Int(bytes[5]) + 6 == bytes.count else { return "bad_length" }
        return UInt16(bytes[2]) << 8 | UInt16(bytes[3]) == Checksums.crc16IBM(bytes[4...]) ? nil : "bad_crc"
    }
}

/// The text packet header `@P,<crc hex>,<length>,<seq>,<unit id>,`: the CRC (CRC-16/ARC from the
/// comma before the length to the end) and the length (from the comma after it) are checked
/// against the bytes.
struct AtrackTextHeader {
    let text: String
    let crc: String
    let length: Int
    /// The byte offsets of the comma before the length field and of the one after it.
    let commaBeforeLength: Int
    let lengthEnd: Int
    let sequence: UInt16
    let unitId: String
    /// Where the records start in `text`.
    let recordsStart: String.Index
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) throws(DecodeError) {
        // Offsets count the bytes as sent (a text packet may start with control bytes, line 226 of
        // the captures); the records are trimmed when they are read.
        text = Latin1.string(bytes)
        let fields = text.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, let length = Int(fields[2]), let sequence = Int(fields[3]) else {
            throw DecodeError("malformed", "ATrack text header: \(text.prefix(40))")
        }
        // Text sequence ids outgrow 16 bits; the ack carries their low 16, as Traccar's does.
        (crc, self.length, self.sequence, unitId, recordsStart) = (String(fields[1]), length, UInt16(truncatingIfNeeded: sequence), String(fields[4]), fields[5].startIndex)
        commaBeforeLength = fields[0].unicodeScalars.count + 1 + fields[1].unicodeScalars.count
        lengthEnd = commaBeforeLength + 1 + fields[2].unicodeScalars.count
        self.bytes = bytes
    }

    /// Traccar's ack for text: the binary layout, with the length field's value where the unit id goes.
    var ack: [UInt8] { [0xFE, 0x02] + bigEndianBytes(UInt64(length)) + bigEndianBytes(sequence) }

    /// `bad_length` when the length is not what follows its comma, `bad_crc` when the CRC fails.
    var problem: String? {
        guard bytes.count - lengthEnd == length else { return "bad_length" }
        return UInt16(crc, radix: 16) == Checksums.crc16IBM(bytes[commaBeforeLength...]) ? nil : "bad_crc"
    }
}
