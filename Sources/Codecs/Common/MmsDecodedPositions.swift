import TrackwireProtocol

extension Position {
    /// A position of `deviceId` with the protocol and both times set (device time = fix time).
    static func stub(deviceId: String, protocolName: String, timeMs: Int64) -> Position {
        var position = Position()
        position.deviceID = deviceId
        position.protocol = protocolName
        position.fixTimeMs = timeMs
        position.deviceTimeMs = timeMs
        return position
    }

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
        var event = Event()
        event.id = "\(deviceId)-result-\(timeMs)"
        event.deviceID = deviceId
        event.kind = .commandResult
        event.timeMs = timeMs
        event.attributes["result"] = .string(result)
        event.source = "decoder"
        return Decoded(kind: .commandReply, deviceId: deviceId, events: [event])
    }

    private static func alarmEvent(_ position: Position) -> Event? {
        guard case .stringValue(let alarm)? = position.attributes["alarm"]?.kind else { return nil }
        var event = Event()
        event.id = "\(position.deviceID)-alarm-\(position.fixTimeMs)-\(alarm)"
        event.deviceID = position.deviceID
        event.kind = .alarm
        event.timeMs = position.fixTimeMs
        event.position = position
        event.attributes["alarm"] = .string(alarm)
        event.source = "decoder"
        return event
    }
}
