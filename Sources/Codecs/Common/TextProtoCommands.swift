import TrackwireProtocol

extension TextProto {
    /// The unique id a downlink command addresses: the command's own device id, else the session's.
    static func commandDeviceId(_ command: Command, _ context: SessionContext) throws(CommandError) -> String {
        if !command.deviceID.isEmpty { return command.deviceID }
        guard let id = context.deviceId, !id.isEmpty else {
            throw CommandError("command \(command.type) has no device id and the session is not identified")
        }
        return id
    }
}
