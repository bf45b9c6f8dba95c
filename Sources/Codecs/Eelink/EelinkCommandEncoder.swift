import TrackwireProtocol

/// Downlink commands: a 0x80 packet with serial 0 and content `01 00000000 <ASCII>`, wrapped in
/// an `EL` envelope for the device's IMEI over UDP (docs/protocols/eelink.md "Commands").
enum EelinkCommandEncoder {
    static func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        let text = try self.text(command)
        guard !text.isEmpty else { throw CommandError("Eelink custom commands need text") }
        let packet = EelinkPacket.bytes(type: EelinkPacketType.downlink, serial: 0, content: [0x01, 0, 0, 0, 0] + Array(text.utf8))
        guard context.transport == .udp else { return packet }
        guard let imei = context.deviceId, imei.count <= 15, imei.allSatisfy(\.isHexDigit) else {
            throw CommandError("Eelink UDP commands need the device's IMEI (at most 15 digits)")
        }
        return EelinkDatagram.wrap(packet, imei: imei)
    }

    private static func text(_ command: Command) throws -> String {
        switch command.type {
        case "engine_stop": "RELAY,1#"
        case "engine_resume": "RELAY,0#"
        case "position_single": "WHERE#"
        case "reboot", "reboot_device": "RESET#"
        case "custom": command.text
        default: throw CommandError("Eelink does not support command type \(command.type)")
        }
    }
}
