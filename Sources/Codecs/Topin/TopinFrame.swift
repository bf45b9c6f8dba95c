/// One Topin frame as cut by `TopinFramer`: `78 78 <len> <type> <content> 0D 0A`, no serial, no
/// CRC (docs/protocols/topin.md "Framing").
struct TopinFrame {
    /// The whole frame, header to terminator.
    let bytes: [UInt8]
    /// The length byte: not the content's length; copied into replies, and the access point
    /// count of Wi-Fi messages.
    let length: UInt8
    /// The message type.
    let type: UInt8

    /// Reads the header; throws unless the frame has a header, a type and a terminator.
    init(_ bytes: [UInt8]) throws(DecodeError) {
        guard bytes.count >= 6, bytes[0] == 0x78, bytes[1] == 0x78 else {
            throw DecodeError("malformed", "a Topin frame is 78 78 <len> <type> ... 0D 0A, got \(bytes.count) bytes")
        }
        self.bytes = bytes
        length = bytes[2]
        type = bytes[3]
    }

    /// The content, between the type and the terminator.
    var content: ArraySlice<UInt8> { bytes[4..<(bytes.count - 2)] }

    /// A reader at the content. Like Traccar's buffer it runs to the end of the frame, so
    /// "readable" counts include the terminator.
    func contentReader() -> ByteReader { ByteReader(bytes, offset: 4) }

    /// A server frame: `78 78 <length> <type> <content> 0D 0A`.
    static func frame(length: UInt8, type: UInt8, content: some Sequence<UInt8>) -> [UInt8] {
        [0x78, 0x78, length, type] + content + [0x0D, 0x0A]
    }
}
