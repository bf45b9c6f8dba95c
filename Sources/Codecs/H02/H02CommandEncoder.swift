import TrackwireProtocol

/// Builds H02 downlink commands: `*HQ,<id>,<cmd>,<HHmmss>,<params>#`. The time field is the
/// command's creation time (UTC), so encoding is deterministic.
enum H02CommandEncoder {
    static func encode(_ command: Command, context: SessionContext) throws(CommandError) -> [UInt8] {
        if command.type == "custom" {
            // Like Traccar for protocols without their own custom format: the text goes out as is.
            guard !command.text.isEmpty else { throw CommandError("h02 custom command needs text") }
            return Array(command.text.utf8)
        }
        let id = try TextProto.commandDeviceId(command, context)
        let (code, params) = try codeAndParams(command, alternative: H02Codec.alternative.isOn(in: context.options))
        let time = TextProto.stamp(command.createdMs, timeOnly: true)
        return Array((["*HQ", id, code, time] + params).joined(separator: ",").appending("#").utf8)
    }

    private static func codeAndParams(_ command: Command, alternative: Bool) throws(CommandError) -> (String, [String]) {
        switch command.type {
        case "alarm_arm": return ("SCF", ["0", "0"])
        case "alarm_disarm": return ("SCF", ["1", "1"])
        case "engine_stop": return ("S20", ["1", "1"])
        case "engine_resume": return ("S20", ["1", "0"])
        case "position_periodic":
            guard let frequency = command.params["frequency"], let seconds = Int(frequency), seconds >= 0 else {
                throw CommandError("h02 position_periodic needs params.frequency in seconds")
            }
            return alternative ? ("D1", [String(seconds)]) : ("S71", ["22", String(seconds)])
        default:
            throw CommandError("h02 cannot express command type \(command.type)")
        }
    }
}
