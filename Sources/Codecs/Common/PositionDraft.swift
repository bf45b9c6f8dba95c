import TrackwireProtocol

/// A position being assembled field by field from one record: the fix once one is read,
/// attributes under Traccar's names and the alarms in the order the record raised them. `finish`
/// turns it into the `Position` and one `.alarm` event per alarm (DESIGN §4).
///
/// Attributes are kept apart from `position` until then: writing through a protobuf map accessor
/// copies the whole map on every insert.
struct PositionDraft {
    /// Location, motion and the typed fields; ids, protocol and times are set by `finish`.
    var position = Position()
    /// The attributes so far.
    var attributes: [String: AttributeValue] = [:]
    /// Traccar alarm names, each once, in the order raised.
    private(set) var alarms: [String] = []
    /// The fix time, when the record carries one.
    var timeMs: Int64?
    /// A device clock reading that differs from the fix time, when the record carries one.
    var deviceTimeMs: Int64?
    /// Whether the record carried a location of its own (valid or not).
    private(set) var located = false

    /// An attribute, `nil` when not set; assigning `nil` removes it.
    subscript(key: String) -> AttributeValue? {
        get { attributes[key] }
        set { attributes[key] = newValue }
    }

    /// Raises an alarm; `nil` (an unmapped code) is ignored and a repeated alarm is kept once.
    mutating func addAlarm(_ alarm: String?) {
        if let alarm, !alarms.contains(alarm) { alarms.append(alarm) }
    }

    /// Records the location the device reported.
    mutating func setFix(latitude: Double, longitude: Double, valid: Bool) {
        position.latitude = latitude
        position.longitude = longitude
        position.valid = valid
        located = true
    }

    /// Whether the record said nothing a position would keep.
    var isEmpty: Bool { !located && attributes.isEmpty && alarms.isEmpty }

    /// The finished position and its alarm events. Without a time `fallbackTimeMs` (the receive
    /// time) stands in; without a location of its own (Traccar reuses the last known one) the
    /// position is not valid and carries `outdated`.
    func finish(deviceId: String, protocolName: String, fallbackTimeMs: Int64) -> (Position, [Event]) {
        var position = self.position
        var attributes = self.attributes
        position.deviceID = deviceId
        position.protocol = protocolName
        position.fixTimeMs = timeMs ?? fallbackTimeMs
        position.deviceTimeMs = deviceTimeMs ?? position.fixTimeMs
        if !located {
            position.valid = false
            attributes["outdated"] = .bool(true)
        }
        if !alarms.isEmpty { attributes["alarm"] = .string(alarms.joined(separator: ",")) }
        position.attributes = attributes
        return (position, alarms.map { DeviceEvents.alarm($0, position: position) })
    }
}

extension Decoded {
    /// The decode result of `drafts`: their positions in order with every alarm event, and a
    /// `.commandResult` event for each position that carries a `result`.
    static func reporting(
        _ drafts: [PositionDraft], kind: FrameKind, deviceId: String, protocolName: String, fallbackTimeMs: Int64
    ) -> Decoded {
        var decoded = Decoded(kind: kind, deviceId: deviceId)
        for draft in drafts {
            let (position, events) = draft.finish(deviceId: deviceId, protocolName: protocolName, fallbackTimeMs: fallbackTimeMs)
            decoded.positions.append(position)
            decoded.events += events
            if let result = position.attributes["result"] { decoded.events.append(DeviceEvents.commandResult(result, position: position)) }
        }
        return decoded
    }
}
