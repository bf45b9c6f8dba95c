import TrackwireProtocol

/// Builds TK103 downlink commands (docs/protocols/tk103.md): the standard `(<id><code>)` form, or with
/// the `alternative` option (listener option or command parameter) the SMS-style
/// `[begin]sms2,<text>,[end]` form.
enum TK103CommandEncoder {
    static func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        let alternative = TK103Codec.alternative.isOn(in: context.options) || TextProto.flag(command.params, "alternative")
        if alternative {
            return Array("[begin]sms2,\(try smsText(command)),[end]".utf8)
        }
        let id = try TextProto.commandDeviceId(command, context)
        return Array("(\(id)\(try code(command)))".utf8)
    }

    private static func code(_ command: Command) throws(CommandError) -> String {
        switch command.type {
        case "custom": return try text(command)
        case "get_version": return "AP07"
        case "reboot", "reboot_device": return "AT00"
        case "set_odometer": return "AX01"
        case "position_single": return "AP00"
        case "position_periodic":
            guard let seconds = command.params["frequency"].flatMap({ Int($0) }), (0...0xFFFF).contains(seconds) else {
                throw CommandError("tk103 position_periodic needs params.frequency in seconds (0–65535)")
            }
            return "AR00" + hex4(seconds) + "0000"
        case "position_stop": return "AR0000000000"
        case "engine_stop": return "AV010"
        case "engine_resume": return "AV011"
        case "output_control": return "AV00" + (try text(command))
        default: throw CommandError("tk103 cannot express command type \(command.type)")
        }
    }

    private static func smsText(_ command: Command) throws(CommandError) -> String {
        let enable = TextProto.flag(command.params, "enable")
        switch command.type {
        case "custom": return try text(command)
        case "get_version": return "*about*"
        case "power_off": return "*turnoff*"
        case "reboot", "reboot_device": return "88888888"
        case "position_single": return "*getposl*"
        case "position_periodic": return "*routetrack*99*"
        case "position_stop": return "*routetrackoff*"
        case "get_device_status": return "*status*"
        case "identification", "device_identification": return "999999"
        case "mode_deep_sleep": return enable ? "*sleep*2*" : "*sleepoff*"
        case "mode_power_saving": return enable ? "*sleepv*" : "*sleepoff*"
        case "alarm_sos": return enable ? "*soson*" : "*sosoff*"
        case "set_connection":
            guard let server = command.params["server"], let port = command.params["port"] else {
                throw CommandError("tk103 set_connection needs params.server and params.port")
            }
            return "*setip*" + server.replacing(".", with: "*") + "*\(port)*"
        case "sos_number":
            guard let phone = command.params["phone"] else { throw CommandError("tk103 sos_number needs params.phone") }
            return "*master*\(command.params["devicePassword"] ?? "123456")*\(phone)*"
        default: throw CommandError("tk103 cannot express command type \(command.type) in the SMS form")
        }
    }

    /// The command's text (`custom`, `output_control`), from `text` or `params.data`.
    private static func text(_ command: Command) throws(CommandError) -> String {
        let text = command.text.isEmpty ? command.params["data"] ?? "" : command.text
        guard !text.isEmpty else { throw CommandError("tk103 \(command.type) command needs text") }
        return text
    }

    private static func hex4(_ value: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
