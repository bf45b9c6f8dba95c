import TrackwireProtocol

/// Builds GPS103 downlink commands, `**,imei:<IMEI>,<code>[,<param>]` (docs/protocols/gps103.md).
enum GPS103CommandEncoder {
    static func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        let id = try TextProto.commandDeviceId(command, context)
        return Array("**,imei:\(id),\(try code(command))".utf8)
    }

    private static func code(_ command: Command) throws(CommandError) -> String {
        switch command.type {
        case "custom":
            guard !command.text.isEmpty else { throw CommandError("gps103 custom command needs text") }
            return command.text
        case "position_single": return "B"
        case "position_periodic": return "C," + (try interval(command))
        case "position_stop": return "D"
        case "engine_stop": return "J"
        case "engine_resume": return "K"
        case "alarm_arm": return "L"
        case "alarm_disarm": return "M"
        case "request_photo": return "160"
        default: throw CommandError("gps103 cannot express command type \(command.type)")
        }
    }

    /// The interval as the device writes it: `30s`, `05m` or `01h` (whole units, rounded down).
    static func interval(_ command: Command) throws(CommandError) -> String {
        guard let text = command.params["frequency"], let seconds = Int(text), seconds >= 0 else {
            throw CommandError("gps103 position_periodic needs params.frequency in seconds")
        }
        if seconds >= 3600 { return TextProto.padded(seconds / 3600, 2) + "h" }
        if seconds >= 60 { return TextProto.padded(seconds / 60, 2) + "m" }
        return TextProto.padded(seconds, 2) + "s"
    }
}
