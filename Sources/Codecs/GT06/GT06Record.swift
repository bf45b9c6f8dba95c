import TrackwireProtocol

/// What one GT06 frame says about the device, built up field by field by the decoders and then
/// normalised into a `Decoded` (DESIGN §4) by `decoded(kind:context:)`.
struct GT06Record {
    /// Location, motion and attributes; ids and times are filled in at the end.
    var position = Position()
    /// Attributes, kept apart from `position` until `decoded` (writing through a protobuf map
    /// accessor copies the whole dictionary on every insert).
    var attributes = [String: AttributeValue](minimumCapacity: 12)
    /// Whether the frame carried a GPS fix (valid or not). Without one the position has no location.
    var located = false
    /// The fix time, or the message date for frames without a fix.
    var timeMs: Int64?
    /// A separate device clock reading, when the frame carries both.
    var deviceTimeMs: Int64?
    /// Traccar alarm names, in the order the frame raised them.
    var alarms: [String] = []
    /// The text of a command reply.
    var result: String?

    subscript(key: String) -> AttributeValue? {
        get { attributes[key] }
        set { attributes[key] = newValue }
    }

    /// Adds an alarm; `nil` (an unmapped code) is ignored, as Traccar does. Unlike Traccar, an alarm
    /// raised twice (status bits and alarm byte) is kept once, so each gives one event.
    mutating func addAlarm(_ alarm: String?) {
        if let alarm, !alarms.contains(alarm) { alarms.append(alarm) }
    }

    /// Marks the record as carrying a fix read from the device.
    mutating func setFix(latitude: Double, longitude: Double, valid: Bool) {
        position.latitude = latitude
        position.longitude = longitude
        position.valid = valid
        located = true
    }

    /// The normalised result. A frame without a fix still yields a position (valid = false,
    /// lat/lon 0) when it carries attributes, as Traccar's "last known location" positions do.
    func decoded(kind: FrameKind, deviceId: String, context: DecodeContext) -> Decoded {
        var position = self.position
        position.deviceID = deviceId
        position.protocol = GT06Codec.protocolName
        position.fixTimeMs = timeMs ?? context.receivedAtMs
        position.deviceTimeMs = deviceTimeMs ?? position.fixTimeMs
        if !located { position.valid = false }
        var attributes = self.attributes
        if !alarms.isEmpty { attributes["alarm"] = .string(alarms.joined(separator: ",")) }
        if let result { attributes["result"] = .string(result) }
        position.attributes = attributes
        guard located || !attributes.isEmpty else { return Decoded(kind: finalKind(kind), deviceId: deviceId) }
        var events = alarms.map { alarmEvent($0, position: position) }
        if let result { events.append(resultEvent(result, position: position)) }
        return Decoded(kind: finalKind(kind), deviceId: deviceId, positions: [position], events: events)
    }

    /// A located frame with an alarm is an alarm; a "position" frame without a fix is a status.
    private func finalKind(_ kind: FrameKind) -> FrameKind {
        guard kind == .position || kind == .status else { return kind }
        if !alarms.isEmpty { return .alarm }
        return located ? .position : .status
    }

    private func alarmEvent(_ alarm: String, position: Position) -> Event { DeviceEvents.alarm(alarm, position: position) }

    private func resultEvent(_ result: String, position: Position) -> Event {
        DeviceEvents.commandResult(.string(result), position: position)
    }
}
