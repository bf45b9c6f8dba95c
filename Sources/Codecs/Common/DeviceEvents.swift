import TrackwireProtocol

/// The device events codecs derive from what a device reports (DESIGN §4), built one way for
/// every protocol so that ids and attributes agree whoever decoded the frame. Ids are
/// deterministic, so a retransmitted frame yields the same event id.
public enum DeviceEvents {
    /// An `.alarm` event about `position`, id `<device>-alarm-<fixTimeMs>-<alarm>` (the codec's
    /// name, so ids stay what they were). `attributes.alarm` is the name in Trackwire's one
    /// vocabulary (`Alarm`), `general` for a name outside it; `device_alarm` the codec's own.
    public static func alarm(_ alarm: String, position: Position) -> Event {
        event(.alarm, id: "alarm-\(position.fixTimeMs)-\(alarm)", device: position.deviceID, timeMs: position.fixTimeMs,
              position: position, attributes: ["alarm": .string((Alarm(deviceName: alarm) ?? .general).rawValue), "device_alarm": .string(alarm)])
    }

    /// A `.commandResult` event carrying the device's answer, id `<device>-result-<timeMs>`.
    public static func commandResult(_ result: AttributeValue, position: Position) -> Event {
        event(.commandResult, id: "result-\(position.fixTimeMs)", device: position.deviceID, timeMs: position.fixTimeMs,
              position: position, attributes: ["result": result])
    }

    /// A `.commandResult` event for an answer that comes without a position.
    public static func commandResult(_ result: String, device: String, timeMs: Int64) -> Event {
        event(.commandResult, id: "result-\(timeMs)", device: device, timeMs: timeMs, position: nil, attributes: ["result": .string(result)])
    }

    private static func event(
        _ kind: EventKind, id: String, device: String, timeMs: Int64, position: Position?, attributes: [String: AttributeValue]
    ) -> Event {
        var event = Event()
        event.id = "\(device)-\(id)"
        event.deviceID = device
        event.kind = kind
        event.timeMs = timeMs
        if let position { event.position = position }
        event.attributes = attributes
        event.source = "decoder"
        return event
    }
}

extension Position {
    /// A position of `deviceId` with the protocol and both times set (device time = fix time),
    /// not yet located: `valid` is false and the coordinates zero until a fix sets them.
    static func stub(deviceId: String, protocolName: String, timeMs: Int64) -> Position {
        var position = Position()
        position.deviceID = deviceId
        position.protocol = protocolName
        position.fixTimeMs = timeMs
        position.deviceTimeMs = timeMs
        return position
    }
}
