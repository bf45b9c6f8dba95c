import Foundation
import SwiftProtobuf

extension Position {
    /// The protobuf encoding of this position, byte for byte what swift-protobuf's
    /// `serializedBytes()` produces (fields in number order, defaults left out, map entries in the
    /// dictionary's order, unknown fields last), written in one pass.
    ///
    /// Hand-written because it is the hot path of the decoder: in `tw bench decode` swift-protobuf's
    /// generic visitors (a sizing pass per map entry, then an encoding pass) took about a third of
    /// the time of decoding a Teltonika frame. `PositionEncodingTests` holds the two equal.
    public func encodedBytes() -> [UInt8] {
        var out = ProtoWriter()
        out.bytes.reserveCapacity(96 + attributes.count * 24)
        out.string(1, deviceID)
        out.string(2, self.protocol)
        out.int64(3, fixTimeMs)
        out.int64(4, deviceTimeMs)
        out.int64(5, serverTimeNs)
        out.double(6, latitude)
        out.double(7, longitude)
        out.double(8, altitudeM)
        out.double(9, speedKmh)
        out.double(10, courseDeg)
        out.varintField(11, UInt64(satellites))
        out.double(12, hdop)
        if valid { out.varintField(13, 1) }
        out.attributes(14, attributes)
        if hasFrame {
            out.tag(15, wireType: 2)
            out.varint(UInt64(frame.encodedSize))
            frame.encode(into: &out)
        }
        out.unknown(unknownFields)
        return out.bytes
    }
}

extension Event {
    /// The protobuf encoding of this event, byte for byte what swift-protobuf's `serializedBytes()`
    /// produces, its position written by `Position.encodedBytes()`.
    ///
    /// Hand-written for the same reason as the position's: in `tw bench decode` swift-protobuf's
    /// visitors serialising alarm events (and the position each carries) took 8 % of the time.
    /// `PositionEncodingTests` holds the two equal.
    public func encodedBytes() -> [UInt8] {
        var out = ProtoWriter()
        out.string(1, id)
        out.string(2, deviceID)
        out.varintField(3, UInt64(bitPattern: Int64(kind.rawValue)))
        out.int64(4, timeMs)
        out.string(5, geofenceID)
        if hasPosition {
            let position = position.encodedBytes()
            out.tag(6, wireType: 2)
            out.varint(UInt64(position.count))
            out.bytes += position
        }
        out.attributes(7, attributes)
        out.string(8, source)
        out.unknown(unknownFields)
        return out.bytes
    }
}

extension AttributeValue {
    /// The size of this value's encoding.
    var encodedSize: Int {
        let payload: Int
        switch kind {
        case .boolValue: payload = 1 + 1
        case .intValue(let value): payload = 1 + ProtoWriter.varintSize(UInt64(bitPattern: value))
        case .doubleValue: payload = 1 + 8
        case .stringValue(let value): payload = ProtoWriter.lengthDelimitedSize(value.utf8.count)
        case nil: payload = 0
        }
        return payload + unknownFields.data.count
    }

    /// A oneof member is written even when it holds its type's default.
    func encode(into out: inout ProtoWriter) {
        switch kind {
        case .boolValue(let value): out.varintField(1, value ? 1 : 0, always: true)
        case .intValue(let value): out.varintField(2, UInt64(bitPattern: value), always: true)
        case .doubleValue(let value): out.double(3, value, always: true)
        case .stringValue(let value): out.string(4, value, always: true)
        case nil: break
        }
        out.unknown(unknownFields)
    }
}

extension FrameRef {
    var encodedSize: Int {
        (gatewayID.isEmpty ? 0 : ProtoWriter.lengthDelimitedSize(gatewayID.utf8.count))
            + (sessionID == 0 ? 0 : 1 + ProtoWriter.varintSize(sessionID))
            + (sequence == 0 ? 0 : 1 + ProtoWriter.varintSize(sequence))
            + unknownFields.data.count
    }

    func encode(into out: inout ProtoWriter) {
        out.string(1, gatewayID)
        out.varintField(2, sessionID)
        out.varintField(3, sequence)
        out.unknown(unknownFields)
    }
}

/// Appends protobuf wire format for field numbers below 16 (one-byte tags), proto3 style: a
/// field holding its default is left out unless `always`.
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func tag(_ field: Int, wireType: UInt8) { bytes.append(UInt8(field << 3) | wireType) }

    /// Fields this build does not know, kept as they arrived. Almost always empty, and appending
    /// an empty `Data` still went through its generic iterator: 7 % of `tw bench decode`.
    mutating func unknown(_ fields: UnknownStorage) {
        guard !fields.data.isEmpty else { return }
        bytes.append(contentsOf: fields.data)
    }

    /// A `map<string, Value>` field: one entry message per key, in the dictionary's order (as
    /// swift-protobuf writes them), each value's size computed once.
    mutating func attributes(_ field: Int, _ attributes: [String: AttributeValue]) {
        for (key, value) in attributes {
            let valueLength = value.encodedSize
            let keySize = ProtoWriter.lengthDelimitedSize(key.utf8.count)
            let valueSize = ProtoWriter.lengthDelimitedSize(valueLength)
            tag(field, wireType: 2)
            varint(UInt64(keySize + valueSize))
            string(1, key, always: true)
            tag(2, wireType: 2)
            varint(UInt64(valueLength))
            value.encode(into: &self)
        }
    }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func varintField(_ field: Int, _ value: UInt64, always: Bool = false) {
        guard value != 0 || always else { return }
        tag(field, wireType: 0)
        varint(value)
    }

    mutating func int64(_ field: Int, _ value: Int64) { varintField(field, UInt64(bitPattern: value)) }

    /// Left out when its bit pattern is all zero (so -0.0 is written), as swift-protobuf does.
    mutating func double(_ field: Int, _ value: Double, always: Bool = false) {
        let bits = value.bitPattern
        guard bits != 0 || always else { return }
        tag(field, wireType: 1)
        withUnsafeBytes(of: bits.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ field: Int, _ value: String, always: Bool = false) {
        var value = value
        guard !value.isEmpty || always else { return }
        tag(field, wireType: 2)
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    static func varintSize(_ value: UInt64) -> Int {
        value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
    }

    /// Tag, length and payload of a length-delimited field with a one-byte tag.
    static func lengthDelimitedSize(_ length: Int) -> Int { 1 + varintSize(UInt64(length)) + length }
}
