import TrackwireProtocol

/// Downlink commands (docs/protocols/jt808.md "Commands"), addressed to the terminal id the
/// device id encodes. `custom` goes by model: Jimi (JC…) as 0x8900 `F0` + text, BSJ/C5 as an
/// 0x8300 text message, AL300/GL100/VL300 as an 0x8103 AT parameter; otherwise hex digits are
/// sent as the bytes they spell and other text as an 0x8300 text message.
extension JT808Codec {
    /// The command's frame; `CommandError` for types JT808 has no mapping for or an id that names no terminal.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        let deviceId = try TextProto.commandDeviceId(command, context)
        guard let terminal = JT808Identity.terminalId(for: deviceId) else {
            throw CommandError("JT808 device id \(deviceId) names no terminal id (digits expected)")
        }
        let settings = JT808Settings(options: context.options)
        if command.type == "custom", let raw = Self.rawCustom(command.text, settings: settings) { return raw }
        let (type, body) = try Self.message(command, settings: settings, alternative: Self.alternative.isOn(in: context.options))
        return JT808Reply.message(type, terminalId: terminal, body: body)
    }

    /// Custom text sent as it stands: hex digits, for models without a text channel.
    private static func rawCustom(_ text: String, settings: JT808Settings) -> [UInt8]? {
        guard !settings.isJimi, !["BSJ", "C5", "AL300", "GL100", "VL300"].contains(settings.model ?? "") else { return nil }
        return HexText.bytes(text).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func message(_ command: Command, settings: JT808Settings, alternative: Bool) throws -> (UInt16, [UInt8]) {
        let text = Array(command.text.utf8)
        switch command.type {
        case "custom" where settings.isJimi: return (0x8900, [0xF0] + text)
        case "custom" where ["AL300", "GL100", "VL300"].contains(settings.model ?? ""):
            return (0x8103, [0x01, 0x00, 0x00, 0xF0, 0x30, UInt8(truncatingIfNeeded: text.count)] + text)
        case "custom": return (0x8300, [0x01] + text)
        case "reboot", "reboot_device": return (0x0310, [0x01, 0x23, 0x01, 0x03])
        case "position_periodic":
            guard let seconds = command.params["frequency"].flatMap(UInt32.init) else { throw CommandError("position_periodic needs params.frequency in seconds") }
            return (0x0310, [0x01, 0x06, 0x04] + bigEndianBytes(seconds))
        case "alarm_arm", "alarm_disarm": return (0x0310, [0x01, 0x24, 0x05, command.type == "alarm_arm" ? 0x01 : 0x00] + Array("user".utf8))
        case "engine_stop", "engine_resume":
            let stop = command.type == "engine_stop"
            if alternative { return (0xA006, [stop ? 0x01 : 0x00] + JT808Reply.bcdTime(command.createdMs, offsetMinutes: settings.offsetMinutes)) }
            switch settings.model {
            case "VL300": return (0x8105, Array((stop ? "#0;1" : "#0;0").utf8))
            case "W15L": return (0x8105, [stop ? 0x64 : 0x65])
            default: return (0x8105, [stop ? 0xF0 : 0xF1])
            }
        default:
            throw CommandError("jt808 cannot encode command type \(command.type)")
        }
    }
}
