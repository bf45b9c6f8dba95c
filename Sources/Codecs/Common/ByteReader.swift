/// A bounds-checked cursor over untrusted bytes. Every read throws `DecodeError("truncated")`
/// instead of trapping, so a short or corrupt frame can never crash a decoder.
public struct ByteReader: Sendable {
    public let bytes: [UInt8]
    /// Index of the next byte to read.
    public private(set) var offset: Int
    /// One past the last readable byte (a reader can be limited to part of the frame).
    public let end: Int

    public init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = min(end ?? bytes.count, bytes.count)
    }

    /// Bytes left to read.
    public var remaining: Int { max(0, end - offset) }

    /// Throws unless `count` more bytes are readable.
    public func require(_ count: Int) throws(DecodeError) {
        guard count >= 0, remaining >= count else {
            throw DecodeError("truncated", "needed \(count) bytes at offset \(offset), have \(remaining)")
        }
    }

    public mutating func skip(_ count: Int) throws(DecodeError) {
        try require(count)
        offset += count
    }

    public mutating func u8() throws(DecodeError) -> UInt8 {
        try require(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u16() throws(DecodeError) -> UInt16 { UInt16(try uint(2)) }
    public mutating func u24() throws(DecodeError) -> UInt32 { UInt32(try uint(3)) }
    public mutating func u32() throws(DecodeError) -> UInt32 { UInt32(try uint(4)) }
    public mutating func u64() throws(DecodeError) -> UInt64 { try uint(8) }
    public mutating func i8() throws(DecodeError) -> Int8 { Int8(bitPattern: try u8()) }
    public mutating func i16() throws(DecodeError) -> Int16 { Int16(bitPattern: try u16()) }
    public mutating func i32() throws(DecodeError) -> Int32 { Int32(bitPattern: try u32()) }
    public mutating func i64() throws(DecodeError) -> Int64 { Int64(bitPattern: try u64()) }

    /// A big-endian unsigned integer of `count` bytes (1...8).
    public mutating func uint(_ count: Int) throws(DecodeError) -> UInt64 {
        precondition((1...8).contains(count), "uint width \(count) is a programming error")
        try require(count)
        var value: UInt64 = 0
        for i in 0..<count { value = value << 8 | UInt64(bytes[offset + i]) }
        offset += count
        return value
    }

    /// A little-endian unsigned integer of `count` bytes (1...8).
    public mutating func uintLE(_ count: Int) throws(DecodeError) -> UInt64 {
        precondition((1...8).contains(count), "uint width \(count) is a programming error")
        try require(count)
        var value: UInt64 = 0
        for i in (0..<count).reversed() { value = value << 8 | UInt64(bytes[offset + i]) }
        offset += count
        return value
    }

    /// The next `count` bytes.
    public mutating func read(_ count: Int) throws(DecodeError) -> ArraySlice<UInt8> {
        try require(count)
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    /// The next `count` bytes as ASCII/UTF-8 text (invalid bytes repaired).
    public mutating func string(_ count: Int) throws(DecodeError) -> String {
        String(decoding: try read(count), as: UTF8.self)
    }

    /// Looks at a byte ahead without consuming; `nil` past the end.
    public func peek(_ ahead: Int = 0) -> UInt8? {
        let index = offset + ahead
        return index >= 0 && index < end ? bytes[index] : nil
    }
}
