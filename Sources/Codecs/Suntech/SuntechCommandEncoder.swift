import TrackwireProtocol

/// Suntech downlink. Legacy: `<prefix>CMD;<id>;02;<action>\r` (prefix `SA200` unless the `Prefix`
/// option names the device's own, e.g. `ST300`). Universal (`Alternative=true`):
/// `CMD;<id>;03;<n>\r` for reboot/position, `CMD;<id>;04;<n>\r` for outputs.
struct SuntechCommandEncoder {
    func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        let id = command.deviceID.isEmpty ? context.deviceId ?? "" : command.deviceID
        guard !id.isEmpty else { throw CommandError("suntech: no device id for the command") }
        if command.type == "custom" { return Array((command.text.hasSuffix("\r") ? command.text : command.text + "\r").utf8) }
        let body = SuntechCodec.alternative.isOn(in: context.options)
            ? "CMD;\(id);\(try universal(command))"
            : "\(SuntechCodec.prefix.text(in: context.options) ?? "SA200")CMD;\(id);02;\(try legacy(command))"
        return Array((body + "\r").utf8)
    }

    private func legacy(_ command: Command) throws(CommandError) -> String {
        switch command.type {
        case "reboot", "reboot_device": return "Reboot"
        case "position_single": return "StatusReq"
        case "engine_stop": return "Enable1"
        case "engine_resume": return "Disable1"
        case "alarm_arm": return "Enable2"
        case "alarm_disarm": return "Disable2"
        case "output_control":
            let (index, on) = try output(command)
            return (on ? "Enable" : "Disable") + String(index)
        default: throw CommandError("suntech: unsupported command \(command.type)")
        }
    }

    private func universal(_ command: Command) throws(CommandError) -> String {
        switch command.type {
        case "reboot", "reboot_device": return "03;03"
        case "position_single": return "03;01"
        case "engine_stop": return "04;01"
        case "engine_resume": return "04;02"
        case "alarm_arm": return "04;03"
        case "alarm_disarm": return "04;04"
        case "output_control":
            let (index, on) = try output(command)
            let codes = [1: ("01", "02"), 2: ("03", "04"), 3: ("09", "10")]
            guard let code = codes[index] else { throw CommandError("suntech: no universal code for output \(index)") }
            return "04;" + (on ? code.0 : code.1)
        default: throw CommandError("suntech: unsupported command \(command.type)")
        }
    }

    /// `params["index"]` (output number) and `data` (`1` on) from params or the command text.
    private func output(_ command: Command) throws(CommandError) -> (Int, Bool) {
        guard let index = command.params["index"].flatMap(TextNumber.int), index > 0 else {
            throw CommandError("suntech: output_control needs params.index")
        }
        return (index, (command.params["data"] ?? command.text) == "1")
    }
}
