import TrackwireProtocol

/// A position being assembled from an OsmAnd request.
struct OsmAndPositionDraft {
    var position: Position = .with { $0.valid = true }
    /// Kept apart from `position` until `finish` (in-place writes through a protobuf map accessor copy it).
    var attributes: [String: AttributeValue] = [:]
    var deviceId: String?
    var timeMs: Int64?

    /// Appends `text` to a text attribute, `;`-separated (repeated `cell` / `wifi` parameters).
    mutating func appendText(_ key: String, _ text: String) {
        if case .stringValue(let existing)? = attributes[key]?.kind {
            attributes[key] = .string(existing + ";" + text)
        } else {
            attributes[key] = .string(text)
        }
    }

    /// The finished position. Without a time the receive time stands in; without a location
    /// (Traccar reuses the last known one) it is marked `outdated` and not valid.
    func finish(deviceId: String, protocolName: String, receivedAtMs: Int64) -> Position {
        var position = position
        var attributes = attributes
        position.deviceID = deviceId
        position.protocol = protocolName
        position.fixTimeMs = timeMs ?? receivedAtMs
        position.deviceTimeMs = position.fixTimeMs
        if position.latitude == 0 && position.longitude == 0 {
            position.valid = false
            attributes["outdated"] = .bool(true)
        }
        position.attributes = attributes
        return position
    }
}
