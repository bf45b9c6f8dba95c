import TrackwireProtocol

/// Building blocks shared by the ASCII tracker protocols (H02, GPS103, TK103): positions,
/// the events derived from them and the decode result that carries both.
enum TextProto {
    /// A position of `protocolName` for `deviceId` at `timeMs` (fix and device time alike),
    /// not yet located: `valid` is false and the coordinates are zero until a fix sets them.
    static func position(deviceId: String, protocolName: String, timeMs: Int64) -> Position {
        var position = Position()
        position.deviceID = deviceId
        position.protocol = protocolName
        position.fixTimeMs = timeMs
        position.deviceTimeMs = timeMs
        return position
    }

    /// The decode result for `positions`, with an alarm event for every position that carries an
    /// `alarm` attribute and a command-result event for every one that carries `result`.
    static func decoded(_ kind: FrameKind, deviceId: String, positions: [Position] = []) -> Decoded {
        Decoded(kind: kind, deviceId: deviceId, positions: positions, events: positions.flatMap(events(for:)))
    }

    /// The device events a position implies (DESIGN §4): alarms and command results.
    static func events(for position: Position) -> [Event] {
        var events: [Event] = []
        if let alarm = position.attributes["alarm"], case .stringValue(let name)? = alarm.kind {
            events.append(event(.alarm, position, id: "alarm-\(position.fixTimeMs)-\(name)", ["alarm": alarm]))
        }
        if let result = position.attributes["result"] {
            events.append(event(.commandResult, position, id: "result-\(position.fixTimeMs)", ["result": result]))
        }
        return events
    }

    private static func event(
        _ kind: EventKind, _ position: Position, id: String, _ attributes: [String: AttributeValue]
    ) -> Event {
        var event = Event()
        event.id = "\(position.deviceID)-\(id)"
        event.deviceID = position.deviceID
        event.kind = kind
        event.timeMs = position.fixTimeMs
        event.position = position
        event.attributes = attributes
        event.source = "decoder"
        return event
    }

    /// Whether a listener option is switched on (`true`, `1` or `yes`).
    static func flag(_ options: [String: String], _ key: String) -> Bool {
        guard let value = options[key]?.lowercased() else { return false }
        return value == "true" || value == "1" || value == "yes"
    }

    /// The frame as text. The protocols are ASCII; anything else is repaired, never trusted.
    static func text(_ frame: some Collection<UInt8>) -> String {
        String(decoding: frame, as: UTF8.self)
    }

    /// The frame as text with surrounding spaces, CR and LF removed.
    static func trimmedText(_ frame: some Collection<UInt8>) -> Substring {
        let text = self.text(frame)
        let isPadding: (Character) -> Bool = { $0 == " " || $0 == "\r" || $0 == "\n" || $0 == "\r\n" || $0 == "\t" }
        guard let start = text.firstIndex(where: { !isPadding($0) }),
              let last = text.lastIndex(where: { !isPadding($0) }) else { return "" }
        return text[start...last]
    }
}
