import TrackwireProtocol

extension Position {
    /// Sets an attribute only when there is a value.
    mutating func set(_ key: String, _ value: AttributeValue?) {
        if let value { attributes[key] = value }
    }

    /// Sets the `alarm` attribute when there is one (Traccar's alarm names: `sos`, `powerCut`, ...).
    mutating func setAlarm(_ alarm: String?) {
        if let alarm { attributes["alarm"] = .string(alarm) }
    }
}

extension Decoded {
    /// `positions` plus one `.alarm` event for each position that carries an `alarm` attribute.
    static func reporting(_ positions: [Position], kind: FrameKind = .position, deviceId: String) -> Decoded {
        Decoded(kind: kind, deviceId: deviceId, positions: positions, events: positions.compactMap(alarmEvent))
    }

    /// A device's answer to a command, as a `.commandResult` event carrying `attributes["result"]`.
    static func commandResult(_ result: String, deviceId: String, timeMs: Int64) -> Decoded {
        Decoded(kind: .commandReply, deviceId: deviceId, events: [DeviceEvents.commandResult(result, device: deviceId, timeMs: timeMs)])
    }

    private static func alarmEvent(_ position: Position) -> Event? {
        guard case .stringValue(let alarm)? = position.attributes["alarm"]?.kind else { return nil }
        return DeviceEvents.alarm(alarm, position: position)
    }
}
