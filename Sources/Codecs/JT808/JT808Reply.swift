/// The frames the server sends a JT808 terminal (docs/protocols/jt808.md "Replies"), built as
/// Traccar's `formatMessage` does: the received frame's delimiter, edition and terminal id, serial
/// `0000` (`01` in the one-byte form), the XOR check, escaped for the wire.
enum JT808Reply {
    /// The 0x8001 general response: received serial, received message id, result 0.
    static func general(to frame: JT808Frame) -> [UInt8] {
        message(0x8001, to: frame, body: bigEndianBytes(UInt16(truncatingIfNeeded: frame.serial)) + bigEndianBytes(frame.type) + [0])
    }

    /// The 0x8100 registration response: serial, result 0, the terminal id's digits as the auth code.
    static func registration(to frame: JT808Frame) -> [UInt8] {
        let code = Array(JT808Identity.uniqueId(frame.terminalId).utf8)
        return message(0x8100, to: frame, body: bigEndianBytes(UInt16(truncatingIfNeeded: frame.serial)) + [0] + code)
    }

    /// The 0x8109 time-sync response: the server's UTC time, binary, then result 0.
    static func timeSync(to frame: JT808Frame, nowMs: Int64) -> [UInt8] {
        let t = UTCTime.components(nowMs)
        let fields = [t.month, t.day, t.hour, t.minute, t.second].map { UInt8(truncatingIfNeeded: $0) }
        return message(0x8109, to: frame, body: bigEndianBytes(UInt16(truncatingIfNeeded: t.year)) + fields + [0])
    }

    /// The 0x4401 answer to 0x5501/0x5502 reports that ask for one: message id, result 0.
    static func locationAck(to frame: JT808Frame) -> [UInt8] {
        message(0x4401, to: frame, shortSerial: true, body: bigEndianBytes(frame.type) + [0])
    }

    /// A server frame answering `frame`.
    static func message(_ type: UInt16, to frame: JT808Frame, shortSerial: Bool = false, body: [UInt8]) -> [UInt8] {
        message(type, delimiter: frame.delimiter, version: frame.version, terminalId: frame.terminalId, shortSerial: shortSerial, body: body)
    }

    /// A frame: header, body and check between two delimiters, escaped. `serial` defaults to
    /// the server's (`0000`, or `01` in the one-byte form).
    static func message(
        _ type: UInt16, delimiter: UInt8 = 0x7E, version: UInt8? = nil, terminalId: [UInt8], shortSerial: Bool = false,
        serial: [UInt8]? = nil, body: [UInt8]
    ) -> [UInt8] {
        let attributes = UInt16(truncatingIfNeeded: body.count) | (version != nil ? 0x4000 : 0)
        var content = bigEndianBytes(type) + bigEndianBytes(attributes)
        if let version { content.append(version) }
        content += terminalId + (serial ?? (shortSerial ? [0x01] : [0x00, 0x00])) + body
        return JT808Frame.escape([delimiter] + content + [Checksums.xor(content), delimiter])
    }

    /// `YYMMDDhhmmss` of `ms` in BCD, in a clock `offsetMinutes` east of UTC.
    static func bcdTime(_ ms: Int64, offsetMinutes: Int) -> [UInt8] {
        HexText.bytes(String(TextProto.stamp(ms + Int64(offsetMinutes) * 60_000).dropFirst(2))) ?? []
    }
}
