import TrackwireProtocol

/// The device events the Teltonika decoder emits alongside positions.
enum TeltonikaEvents {
    /// An `.alarm` event for one Traccar alarm name, id `<device>-alarm-<timeMs>-<alarm>`.
    static func alarm(_ alarm: String, position: Position) -> Event {
        event(.alarm, id: "alarm-\(position.fixTimeMs)-\(alarm)", attribute: ("alarm", .string(alarm)), position: position)
    }

    /// A `.commandResult` event carrying the device's answer, id `<device>-commandResult-<timeMs>`.
    static func commandResult(_ result: AttributeValue, position: Position) -> Event {
        event(.commandResult, id: "commandResult-\(position.fixTimeMs)", attribute: ("result", result), position: position)
    }

    private static func event(
        _ kind: EventKind, id: String, attribute: (key: String, value: AttributeValue), position: Position
    ) -> Event {
        Event.with {
            $0.id = "\(position.deviceID)-\(id)"
            $0.deviceID = position.deviceID
            $0.kind = kind
            $0.timeMs = position.fixTimeMs
            $0.position = position
            $0.attributes[attribute.key] = attribute.value
            $0.source = "decoder"
        }
    }
}
