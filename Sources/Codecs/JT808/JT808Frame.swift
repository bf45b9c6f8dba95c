/// One binary JT808 frame, escapes removed (docs/protocols/jt808.md "Framing and identification"):
/// `7E <message id:2> <attributes:2> [<version:1>] <terminal id:6|7|10> <serial:2|1> <body> <check> 7E`.
struct JT808Frame {
    /// The standard delimiter and the alternative one some devices use.
    static let delimiters: [UInt8] = [0x7E, 0xE7]

    /// The un-escaped frame, delimiters included.
    let bytes: [UInt8]
    /// `7E`, or `E7` for the alternative form (7-byte terminal id, other escapes).
    let delimiter: UInt8
    /// The message id.
    let type: UInt16
    /// Body length (bits 0–9), sub-packet (13), 2019 edition (14) and, for 0x5501/0x5502, ack wanted (15).
    let attributes: UInt16
    /// The 2019 edition's protocol version byte.
    let version: UInt8?
    /// The terminal id bytes as sent (BCD, or a 48-bit IMEI).
    let terminalId: [UInt8]
    /// The message serial number.
    let serial: Int
    /// Index of the first body byte.
    let bodyStart: Int

    /// Un-escapes `frame` (unless it is already un-escaped) and reads the header; throws when
    /// the frame is too short for one.
    init(_ frame: [UInt8]) throws(DecodeError) {
        try self.init(header: Self.isUnescaped(frame) ? frame : Self.unescape(frame))
    }

    private init(header bytes: [UInt8]) throws(DecodeError) {
        self.bytes = bytes
        var reader = ByteReader(bytes)
        delimiter = try reader.u8()
        type = try reader.u16()
        attributes = try reader.u16()
        version = attributes & 0x4000 != 0 ? try reader.u8() : nil
        terminalId = Array(try reader.read(version != nil ? 10 : delimiter == 0xE7 ? 7 : 6))
        serial = Self.hasShortSerial(type) ? Int(try reader.u8()) : Int(try reader.u16())
        bodyStart = reader.offset
    }

    /// 0x5501 / 0x5502 carry a one-byte serial.
    static func hasShortSerial(_ type: UInt16) -> Bool { type == 0x5501 || type == 0x5502 }

    /// The declared body length.
    var bodyLength: Int { Int(attributes & 0x03FF) }

    /// A reader over the body. Like Traccar's buffer it runs to the end of the frame, so the check
    /// byte and the closing delimiter count as readable (`remaining > 2` loops stop before them).
    func bodyReader() -> ByteReader { ByteReader(bytes, offset: bodyStart) }

    /// Whether the declared body length matches the frame (sub-packets add a 4-byte packet header).
    var lengthIsConsistent: Bool {
        bytes.count - 2 - bodyStart == bodyLength + (attributes & 0x2000 != 0 ? 4 : 0)
    }

    /// Whether the check byte is the XOR of every byte from the message id through the body.
    var checkIsValid: Bool {
        bytes.count >= bodyStart + 2 && Checksums.xor(bytes[1..<(bytes.count - 2)]) == bytes[bytes.count - 2]
    }

    /// Whether `frame` is already un-escaped, as the frames Traccar's decoder tests feed it (its
    /// frame decoder un-escapes first): a delimiter inside it, or escape pairs that make the
    /// declared body length fit only as they stand. A wire frame always holds its escapes.
    static func isUnescaped(_ frame: [UInt8]) -> Bool {
        guard let delimiter = frame.first, frame.count > 2 else { return true }
        if frame[1..<(frame.count - 1)].contains(delimiter) { return true }
        let unescaped = unescape(frame)
        guard unescaped != frame else { return true }
        let fits = { (bytes: [UInt8]) in (try? JT808Frame(header: bytes))?.lengthIsConsistent ?? false }
        return !fits(unescaped) && fits(frame)
    }

    /// Removes the escapes between the delimiters: `7D 01`/`7D 02` for `7E` frames, `E6 01`/`E6 02`/
    /// `3E 01`/`3E 02` for `E7` frames. An escape byte followed by anything else is dropped with
    /// that byte, as Traccar's frame decoder does.
    static func unescape(_ frame: [UInt8]) -> [UInt8] {
        guard let delimiter = frame.first else { return frame }
        let rules: [UInt8: [UInt8: UInt8]] = delimiter == 0xE7
            ? [0xE6: [0x01: 0xE6, 0x02: 0xE7], 0x3E: [0x01: 0x3E, 0x02: 0x3D]]
            : [0x7D: [0x01: 0x7D, 0x02: 0x7E]]
        var out: [UInt8] = []
        out.reserveCapacity(frame.count)
        var index = 0
        while index < frame.count {
            let byte = frame[index]
            index += 1
            guard let rule = rules[byte] else {
                out.append(byte)
                continue
            }
            if index < frame.count, let plain = rule[frame[index]] { out.append(plain) }
            index += 1
        }
        return out
    }

    /// Escapes the bytes between the delimiters of an outgoing frame (the reverse of `unescape`).
    static func escape(_ frame: [UInt8]) -> [UInt8] {
        guard let delimiter = frame.first, frame.count >= 2 else { return frame }
        let rules: [UInt8: [UInt8]] = delimiter == 0xE7
            ? [0xE6: [0xE6, 0x01], 0xE7: [0xE6, 0x02], 0x3E: [0x3E, 0x01], 0x3D: [0x3E, 0x02]]
            : [0x7D: [0x7D, 0x01], 0x7E: [0x7D, 0x02]]
        return [delimiter] + frame[1..<(frame.count - 1)].flatMap { rules[$0] ?? [$0] } + [delimiter]
    }
}
