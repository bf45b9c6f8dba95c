import TrackwireProtocol

/// Downlink commands (docs/protocols/wialon.md "Commands"), one line each: `reboot`,
/// `USSD:<phone>`, `VER?`, `L<index>=<value>`, or `custom` text as it stands.
extension WialonCodec {
    /// The command's line; `CommandError` for other types or missing parameters.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        Array((try Self.line(command) + "\r\n").utf8)
    }

    private static func line(_ command: Command) throws(CommandError) -> String {
        switch command.type {
        case "reboot", "reboot_device": return "reboot"
        case "identification": return "VER?"
        case "send_ussd":
            guard let phone = command.params["phone"], !phone.isEmpty else { throw CommandError("send_ussd needs params.phone") }
            return "USSD:\(phone)"
        case "output_control":
            let value = command.params["data"] ?? command.text
            guard let index = command.params["index"], !index.isEmpty, !value.isEmpty else {
                throw CommandError("output_control needs params.index and a value (params.data or text)")
            }
            return "L\(index)=\(value)"
        case "custom":
            guard !command.text.isEmpty else { throw CommandError("custom needs text") }
            return command.text
        default:
            throw CommandError("wialon cannot encode command type \(command.type)")
        }
    }
}
