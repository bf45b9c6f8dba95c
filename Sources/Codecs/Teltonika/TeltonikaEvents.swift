import TrackwireProtocol

/// The device events the Teltonika decoder emits alongside positions.
enum TeltonikaEvents {
    /// An `.alarm` event for one Traccar alarm name.
    static func alarm(_ alarm: String, position: Position) -> Event { DeviceEvents.alarm(alarm, position: position) }

    /// A `.commandResult` event carrying the device's answer.
    static func commandResult(_ result: AttributeValue, position: Position) -> Event {
        DeviceEvents.commandResult(result, position: position)
    }
}
