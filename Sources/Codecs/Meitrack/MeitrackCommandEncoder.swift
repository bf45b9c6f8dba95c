import TrackwireProtocol

/// Meitrack downlink: `@@A<len>,<IMEI>,<content>*<CS>\r\n`, as Traccar's encoder writes it.
struct MeitrackCommandEncoder {
    func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        let imei = command.deviceID.isEmpty ? context.deviceId ?? "" : command.deviceID
        guard !imei.isEmpty else { throw CommandError("meitrack: no device id for the command") }
        return MeitrackFrame.serverFrame(flag: "A", imei: imei, content: try content(command, options: context.options))
    }

    private func content(_ command: Command, options: [String: String]) throws(CommandError) -> String {
        let alternative = MeitrackCodec.alternative.isOn(in: options)
        switch command.type {
        case "custom": return command.text
        case "position_single": return "A10"
        case "engine_stop": return "C01,0,12222"
        case "engine_resume": return "C01,0,02222"
        case "alarm_arm": return alternative ? "B21,1" : "C01,0,22122"
        case "alarm_disarm": return alternative ? "B21,0" : "C01,0,22022"
        case "request_photo":
            let index = command.params["index"].flatMap(TextNumber.int) ?? 0
            return "D03,\(index > 0 ? index : 1),camera_picture.jpg"
        case "send_sms": return "C02,0,\(command.params["phone"] ?? ""),\(command.params["message"] ?? command.text)"
        default: throw CommandError("meitrack: unsupported command \(command.type)")
        }
    }
}
