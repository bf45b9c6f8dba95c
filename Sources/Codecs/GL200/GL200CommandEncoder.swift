import TrackwireProtocol

/// Downlink `AT+GT...` commands (docs/protocols/gl200.md, Traccar's `Gl200ProtocolEncoder`). The device
/// password comes from `params["password"]` (empty by default).
enum GL200CommandEncoder {
    /// The command types GL200 devices accept.
    static let supportedTypes = ["position_single", "engine_stop", "engine_resume", "identification", "reboot", "custom"]

    static func encode(_ command: Command) throws(CommandError) -> [UInt8] {
        let password = command.params["password"] ?? ""
        let text: String
        switch command.type {
        case "position_single": text = "AT+GTRTO=\(password),1,,,,,,FFFF$"
        case "identification": text = "AT+GTRTO=\(password),8,,,,,,FFFF$"
        case "reboot": text = "AT+GTRTO=\(password),3,,,,,,FFFF$"
        case "engine_stop": text = "AT+GTOUT=\(password),1,,,0,0,0,0,0,0,0,,,,,,,FFFF$"
        case "engine_resume": text = "AT+GTOUT=\(password),0,,,0,0,0,0,0,0,0,,,,,,,FFFF$"
        case "custom":
            guard !command.text.isEmpty else { throw CommandError("gl200 custom command needs text") }
            text = command.text
        default:
            throw CommandError("gl200 cannot express command type \(command.type); supported: \(supportedTypes.joined(separator: ", "))")
        }
        return Array(text.utf8)
    }
}
