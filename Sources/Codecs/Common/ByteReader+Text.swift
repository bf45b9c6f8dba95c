extension ByteReader {
    /// The next `count` bytes as text, one character per byte (Latin-1), so any byte reads.
    mutating func latin1(_ count: Int) throws(DecodeError) -> String {
        Latin1.string(try read(count))
    }

    /// The next `count` bytes as lowercase hex digits (Traccar's `hexDump`).
    mutating func hex(_ count: Int) throws(DecodeError) -> String {
        HexText.lowercase(try read(count))
    }

    /// A reader over the same bytes from `offset` on, with the same end.
    func moved(to offset: Int) -> ByteReader {
        ByteReader(bytes, offset: offset, end: end)
    }
}
