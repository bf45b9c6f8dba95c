import TrackwireProtocol

/// Watch downlink, as Traccar's encoder writes it: `[MF*ID*(0001*)LEN*content]`. For binary
/// content (voice) LEN counts the escaped bytes, as Traccar does.
struct WatchCommandEncoder {
    func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        let id = command.deviceID.isEmpty ? context.deviceId ?? "" : command.deviceID
        guard !id.isEmpty else { throw CommandError("watch: no device id for the command") }
        var manufacturer = WatchCodec.manufacturer.text(in: context.options) ?? "CS"
        if manufacturer == "3G" { manufacturer = "SG" }
        let index = WatchCodec.hasIndex.isOn(in: context.options) ? "0001" : nil
        let content = try self.content(command)
        return WatchFrame.encode(manufacturer: manufacturer, id: id, index: index, length: content.count, content: content)
    }

    private func content(_ command: Command) throws(CommandError) -> [UInt8] {
        if command.type == "voice_message" {
            guard let audio = HexText.bytes(command.text) else { throw CommandError("watch: voice_message needs hex audio") }
            return Array("TK,".utf8) + WatchEscaping.escape(audio)
        }
        return Array(try text(command).utf8)
    }

    private func text(_ command: Command) throws(CommandError) -> String {
        let params = command.params
        let enable = params["enable"] == "true" || params["enable"] == "1" ? "1" : "0"
        switch command.type {
        case "custom": return command.text
        case "position_single": return "CR"
        case "position_periodic": return "UPLOAD,\(params["frequency"] ?? "")"
        case "sos_number": return "SOS\(params["index"] ?? ""),\(params["phone"] ?? "")"
        case "alarm_sos": return "SOSSMS,\(enable)"
        case "alarm_battery": return "LOWBAT,\(enable)"
        case "alarm_remove": return "REMOVE,\(enable)"
        case "reboot", "reboot_device": return "RESET"
        case "power_off": return "POWEROFF"
        case "silence_time": return "SILENCETIME,\(command.text)"
        case "alarm_clock": return "REMIND,\(command.text)"
        case "set_phonebook": return "PHB,\(command.text)"
        case "set_indicator": return "FLOWER,\(command.text)"
        case "message": return "MESSAGE,\(Self.utf16Hex(params["message"] ?? command.text))"
        case "set_timezone":
            guard let offset = WatchTimezone.offset(params["timezone"] ?? command.text, atMs: command.createdMs) else {
                throw CommandError("watch: unknown timezone \(params["timezone"] ?? command.text)")
            }
            return "LZ,\(params["language"] ?? ""),\(offset)"
        default: throw CommandError("watch: unsupported command \(command.type)")
        }
    }

    /// UTF-16BE code units as lowercase hex, the `MESSAGE` payload.
    private static func utf16Hex(_ text: String) -> String {
        HexText.lowercase(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
    }
}
