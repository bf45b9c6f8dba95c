import TrackwireProtocol

/// Turns decoded GL200 records into normalised positions and events (DESIGN §4).
struct GL200Output {
    var deviceId: String
    var context: DecodeContext

    /// The positions and alarm events for `records`. Records without a fix keep latitude and
    /// longitude 0, are not valid, and take the send time (or the receive time) as their time.
    /// `type` (`FRI`, `ERI`, ...) becomes the `type` attribute, as in Traccar.
    func decoded(_ records: [GL200Record], kind: FrameKind, type: String? = nil) -> Decoded {
        var positions: [Position] = []
        var events: [Event] = []
        for record in records {
            let position = makePosition(record, type: type)
            positions.append(position)
            events += record.alarms.map { alarmEvent($0, position: position) }
        }
        let finalKind: FrameKind = kind == .position && !events.isEmpty ? .alarm : kind
        return Decoded(kind: finalKind, deviceId: deviceId, positions: positions, events: events)
    }

    /// A command result: the event the command layer waits for, with the position Traccar stores.
    func commandReply(_ record: GL200Record, result: String) -> Decoded {
        var decoded = decoded([record], kind: .commandReply)
        guard let position = decoded.positions.first else { return decoded }
        decoded.events.append(DeviceEvents.commandResult(.string(result), position: position))
        return decoded
    }

    private func makePosition(_ record: GL200Record, type: String?) -> Position {
        var position = Position()
        position.deviceID = deviceId
        position.protocol = GL200Codec.protocolName
        let fallbackTime = record.deviceTimeMs ?? context.receivedAtMs
        position.fixTimeMs = record.fix?.timeMs ?? fallbackTime
        position.deviceTimeMs = record.deviceTimeMs ?? position.fixTimeMs
        position.latitude = record.fix?.latitude ?? 0
        position.longitude = record.fix?.longitude ?? 0
        position.valid = record.fix?.valid ?? false
        position.speedKmh = record.speedKmh
        position.courseDeg = record.courseDeg
        position.altitudeM = record.altitudeM
        if let hdop = record.hdop { position.hdop = hdop }
        if let satellites = record.satellites { position.satellites = UInt32(clamping: max(0, satellites)) }
        position.attributes = record.attributes
        if let type { position.attributes["type"] = .string(type) }
        if !record.alarms.isEmpty { position.attributes["alarm"] = .string(record.alarms.joined(separator: ",")) }
        return position
    }

    private func alarmEvent(_ alarm: String, position: Position) -> Event { DeviceEvents.alarm(alarm, position: position) }
}
