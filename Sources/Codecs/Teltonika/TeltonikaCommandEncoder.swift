import TrackwireProtocol

/// Codec 12 GPRS commands: `00000000 <length:4> 0C 01 05 <size:4> <command> 01 <CRC-16/IBM:4>`.
/// `custom` text that is an even number of hex digits is sent as the bytes it spells, any other
/// text as ASCII; `engine_stop` / `engine_resume` are `setdigout 1` / `setdigout 0`, as in Traccar.
enum TeltonikaCommandEncoder {
    /// The packet for `command`, or `CommandError` for a type Teltonika has no mapping for.
    static func encode(_ command: Command) throws(CommandError) -> [UInt8] {
        switch command.type {
        case "custom": return packet(content: customContent(command.text.isEmpty ? command.params["data"] ?? "" : command.text))
        case "engine_stop": return packet(content: Array("setdigout 1".utf8))
        case "engine_resume": return packet(content: Array("setdigout 0".utf8))
        default: throw CommandError("teltonika cannot encode command type \(command.type)")
        }
    }

    /// Wraps `content` into a codec 12 command packet.
    static func packet(content: [UInt8]) -> [UInt8] {
        var data: [UInt8] = [TeltonikaDataPacket.Codec.codec12, 0x01, 0x05]
        data += bigEndian(UInt32(truncatingIfNeeded: content.count))
        data += content
        data.append(0x01)
        let crc = UInt32(Checksums.crc16IBM(data))
        return [0, 0, 0, 0] + bigEndian(UInt32(truncatingIfNeeded: data.count)) + data + bigEndian(crc)
    }

    private static func customContent(_ text: String) -> [UInt8] {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count % 2 == 0, digits.allSatisfy(isHexDigit) else { return digits }
        return stride(from: 0, to: digits.count, by: 2).map { hexValue(digits[$0]) << 4 | hexValue(digits[$0 + 1]) }
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
    }

    private static func hexValue(_ c: UInt8) -> UInt8 {
        c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}

extension TeltonikaCodec {
    /// Encodes `custom`, `engine_stop` and `engine_resume` as codec 12 packets (TCP and UDP alike).
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        try TeltonikaCommandEncoder.encode(command)
    }
}
