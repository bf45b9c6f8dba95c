/// An encoded position as storage keeps it: the bytes themselves (what the database stores and the
/// API returns) and the few fields storage indexes, read off the wire format without decoding the
/// whole message — the attributes map is most of the decoding work and storage never looks inside.
/// `fingerprint` equals `Position.fingerprint` (`PositionRowTests` holds them equal).
public struct PositionRow: Sendable, Equatable {
    /// The position's protobuf encoding.
    public let body: [UInt8]
    public private(set) var deviceID = ""
    public private(set) var protocolName = ""
    public private(set) var fixTimeMs: Int64 = 0
    public private(set) var serverTimeNs: Int64 = 0
    public private(set) var latitude = 0.0
    public private(set) var longitude = 0.0
    public private(set) var altitudeM = 0.0
    public private(set) var speedKmh = 0.0
    public private(set) var courseDeg = 0.0
    public private(set) var valid = false
    public private(set) var fingerprint: Int64 = 0

    /// Reads `body`; throws when it is not a well-formed `Position` encoding.
    public init(encoded body: [UInt8]) throws(PositionRowError) {
        self.body = body
        try body.withUnsafeBufferPointer { bytes throws(PositionRowError) in try read(bytes) }
    }

    /// The row of a position in hand (tests, the API's writes).
    public init(_ position: Position) {
        // A position's own encoding always reads back.
        try! self.init(encoded: position.encodedBytes())
    }

    /// The whole position, decoded.
    public func position() throws -> Position { try Position(serializedBytes: body) }

    /// When storage counts the device as seen: the gateway's receive time, else the fix time.
    public var seenMs: Int64 { serverTimeNs > 0 ? serverTimeNs / 1_000_000 : fixTimeMs }

    private mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) throws(PositionRowError) {
        var reader = WireReader(bytes)
        // What the fingerprint covers, as deterministic serialisation would write it: the fields
        // in number order (leaving out 5, the receive time, and 15, the frame reference), the map
        // entries sorted by key (leaving out checksum_ok), then unknown fields in arrival order.
        var fields = [Range<Int>?](repeating: nil, count: 14)
        var entries: [(key: String, range: Range<Int>)] = []
        var unknown: [Range<Int>] = []
        while !reader.isAtEnd {
            let start = reader.offset
            let (field, wireType) = try reader.tag()
            switch (field, wireType) {
            case (1, 2): deviceID = try reader.string()
            case (2, 2): protocolName = try reader.string()
            case (3, 0): fixTimeMs = Int64(bitPattern: try reader.varint())
            case (5, 0): serverTimeNs = Int64(bitPattern: try reader.varint())
            case (4, 0), (11, 0): _ = try reader.varint()
            case (6, 1): latitude = try reader.double()
            case (7, 1): longitude = try reader.double()
            case (8, 1): altitudeM = try reader.double()
            case (9, 1): speedKmh = try reader.double()
            case (10, 1): courseDeg = try reader.double()
            case (12, 1): _ = try reader.double()
            case (13, 0): valid = try reader.varint() != 0
            case (14, 2):
                let key = try reader.mapKey()
                if key != "checksum_ok" {
                    entries.removeAll { $0.key == key }
                    entries.append((key, start..<reader.offset))
                }
                continue
            case (15, 2): _ = try reader.lengthDelimited()
            case (1...15, _): throw PositionRowError("field \(field) has the wrong wire type \(wireType)")
            default:
                try reader.skip(wireType)
                unknown.append(start..<reader.offset)
                continue
            }
            if field != 5, field != 15 { fields[field] = reader.isDefault(start..<reader.offset) ? nil : start..<reader.offset }
        }
        entries.sort { $0.key < $1.key }
        var hash = FNV1a64()
        for range in fields.compactMap({ $0 }) { hash.add(bytes[range]) }
        for entry in entries { hash.add(bytes[entry.range]) }
        for range in unknown { hash.add(bytes[range]) }
        fingerprint = Int64(bitPattern: hash.value)
    }
}

/// A body that is not a `Position`.
public struct PositionRowError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = "not a trackwire.v1.Position: " + description }
}

/// 64-bit FNV-1a, fed in pieces.
public struct FNV1a64 {
    public private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }
}

/// Reads protobuf wire format from a buffer.
private struct WireReader {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func varint() throws(PositionRowError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        throw PositionRowError("a varint runs past the end")
    }

    mutating func tag() throws(PositionRowError) -> (field: Int, wireType: UInt8) {
        let tag = try varint()
        guard tag >> 3 > 0, tag >> 3 <= UInt64(Int32.max) else { throw PositionRowError("field number 0") }
        return (Int(tag >> 3), UInt8(tag & 7))
    }

    mutating func double() throws(PositionRowError) -> Double {
        guard offset + 8 <= bytes.count else { throw PositionRowError("a double runs past the end") }
        var bits: UInt64 = 0
        for index in 0..<8 { bits |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func lengthDelimited() throws(PositionRowError) -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(bytes.count - offset) else { throw PositionRowError("a length runs past the end") }
        let range = offset..<offset + Int(length)
        offset = range.upperBound
        return range
    }

    mutating func string() throws(PositionRowError) -> String {
        let range = try lengthDelimited()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The key of one attributes map entry (field 1 inside it), the reader moved past the entry.
    mutating func mapKey() throws(PositionRowError) -> String {
        let entry = try lengthDelimited()
        var inner = WireReader(UnsafeBufferPointer(rebasing: bytes[entry]))
        var key = ""
        while !inner.isAtEnd {
            let (field, wireType) = try inner.tag()
            if field == 1, wireType == 2 { key = try inner.string() } else { try inner.skip(wireType) }
        }
        return key
    }

    mutating func skip(_ wireType: UInt8) throws(PositionRowError) {
        switch wireType {
        case 0: _ = try varint()
        case 1: offset += 8
        case 2: _ = try lengthDelimited()
        case 5: offset += 4
        default: throw PositionRowError("wire type \(wireType) is not used by proto3")
        }
        guard offset <= bytes.count else { throw PositionRowError("a field runs past the end") }
    }

    /// Whether the field just read holds its type's default (proto3 writes none; decoding and
    /// encoding again would drop it, so the fingerprint does too).
    func isDefault(_ field: Range<Int>) -> Bool {
        var value = WireReader(UnsafeBufferPointer(rebasing: bytes[field]))
        guard let (_, wireType) = try? value.tag() else { return false }
        switch wireType {
        case 0: return (try? value.varint()) == 0
        case 1: return (try? value.double())?.bitPattern == 0
        case 2: return (try? value.lengthDelimited())?.isEmpty == true
        default: return false
        }
    }
}
