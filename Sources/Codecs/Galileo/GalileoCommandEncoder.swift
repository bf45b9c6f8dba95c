import TrackwireProtocol

/// Downlink commands (docs/protocols/galileo.md "Commands"): a tagged packet naming the IMEI,
/// `01 <len LE> 03 <IMEI> 04 0000 E0 00000000 E1 <n> <text> <CRC-16/MODBUS LE>`; output control
/// sends the text `Out <index>,<value>`.
extension GalileoCodec {
    /// The command's packet; `CommandError` for other types, a device id that is no 15-digit
    /// IMEI, or text longer than a tag holds.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        let imei = Array(try TextProto.commandDeviceId(command, context).utf8)
        guard imei.count == 15 else { throw CommandError("Galileosky commands name a 15-digit IMEI") }
        let text = Array(try Self.text(command).utf8)
        guard text.count <= 0xFF else { throw CommandError("Galileosky command text is limited to 255 bytes") }
        let tags: [UInt8] = [0x03] + imei + [0x04, 0x00, 0x00, 0xE0, 0x00, 0x00, 0x00, 0x00, 0xE1, UInt8(text.count)] + text
        return GalileoPacket.frame(tags)
    }

    private static func text(_ command: Command) throws(CommandError) -> String {
        switch command.type {
        case "custom": return command.text
        case "output_control":
            guard let index = command.params["index"], let value = command.params["data"] ?? (command.text.isEmpty ? nil : command.text) else {
                throw CommandError("output_control needs params.index and a value (params.data or text)")
            }
            return "Out \(index),\(value)"
        default:
            throw CommandError("galileo cannot encode command type \(command.type)")
        }
    }
}
