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
        data += bigEndianBytes(UInt32(truncatingIfNeeded: content.count))
        data += content
        data.append(0x01)
        let crc = UInt32(Checksums.crc16IBM(data))
        return [0, 0, 0, 0] + bigEndianBytes(UInt32(truncatingIfNeeded: data.count)) + data + bigEndianBytes(crc)
    }

    /// Hex digits are sent as the bytes they spell, anything else as its text.
    private static func customContent(_ text: String) -> [UInt8] {
        guard let bytes = HexText.bytes(text), !bytes.isEmpty else { return Array(text.utf8) }
        return bytes
    }
}

extension TeltonikaCodec {
    /// Encodes `custom`, `engine_stop` and `engine_resume` as codec 12 packets (TCP and UDP alike).
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        try TeltonikaCommandEncoder.encode(command)
    }
}
