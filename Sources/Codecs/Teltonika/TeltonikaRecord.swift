import TrackwireProtocol

/// One record being decoded: the position so far plus the alarms it raised. The decoder turns it
/// into a finished `Position` and alarm `Event`s once the device id is known.
struct TeltonikaRecord {
    var position = Position()
    /// Attributes, kept apart from `position` until `finish` (a protobuf map is copied on every
    /// in-place write through its accessor).
    var attributes = [String: AttributeValue](minimumCapacity: 24)
    /// Traccar alarm names in the order the IO elements raised them.
    var alarms: [String] = []
    /// True when the record carries no location of its own (command replies, GH3000 records
    /// without GPS): Traccar would reuse the device's last known location.
    var outdated = false

    /// `io<ID>`, the key of an IO element Traccar does not name (ids below 1000 are precomputed:
    /// string interpolation per element dominated decoding time in debug builds).
    static func ioKey(_ id: Int) -> String {
        id >= 0 && id < ioKeys.count ? ioKeys[id] : "io\(id)"
    }

    private static let ioKeys = (0..<1000).map { "io\($0)" }

    /// Sets an attribute.
    mutating func set(_ key: String, _ value: AttributeValue) {
        attributes[key] = value
    }

    /// Raises an alarm (Traccar's `addAlarm`).
    mutating func addAlarm(_ alarm: String) {
        if !alarms.contains(alarm) { alarms.append(alarm) }
    }

    /// Whether Traccar would keep the record: it drops outdated records that carry nothing.
    var isWorthKeeping: Bool { !outdated || !attributes.isEmpty || !alarms.isEmpty }

    /// The finished position and its alarm events. Moves the position and attributes out (the
    /// record is spent afterwards), so finishing does not copy the protobuf storage.
    mutating func finish(deviceId: String, protocolName: String) -> (Position, [Event]) {
        var position = Position()
        swap(&position, &self.position)
        var attributes: [String: AttributeValue] = [:]
        swap(&attributes, &self.attributes)
        position.deviceID = deviceId
        position.protocol = protocolName
        if position.deviceTimeMs == 0 { position.deviceTimeMs = position.fixTimeMs }
        if case .doubleValue(let hdop)? = attributes["hdop"]?.kind { position.hdop = hdop }
        if outdated { attributes["outdated"] = .bool(true) }
        if !alarms.isEmpty { attributes["alarm"] = .string(alarms.joined(separator: ",")) }
        position.attributes = attributes
        let events = alarms.map { TeltonikaEvents.alarm($0, position: position) }
        return (position, events)
    }
}
