import TrackwireProtocol

/// Turns a Transistorsoft background-geolocation JSON body into positions, as Traccar reads it:
/// `device_id`; `location` (one object or an array of them) with `timestamp` (ISO 8601),
/// `coords` (`latitude`, `longitude`, `accuracy`, `speed` in m/s and `heading`, both negative when
/// unknown, `altitude`), `is_moving` → `motion`, `odometer`, `event`, `mock`, `activity.type` →
/// `activity`, `battery.level` (0…1) → `batteryLevel` (percent, int), `battery.is_charging` →
/// `charge`, and every `extras` member (integral number → int, other number → double, bool, text).
struct OsmAndJSONDecoder {
    let protocolName: String

    /// Decodes one JSON body.
    func decode(_ body: [UInt8], context: DecodeContext) throws(DecodeError) -> Decoded {
        let root = try OsmAndJSON.parse(body)
        guard let deviceId = root["device_id"]?.text.flatMap({ $0.isEmpty ? nil : $0 }) ?? context.deviceId else {
            throw DecodeError("unidentified", "OsmAnd JSON without device_id")
        }
        let locations: [OsmAndJSON]
        switch root["location"] {
        case .object(let location)?: locations = [.object(location)]
        case .array(let list)?: locations = list
        default: throw DecodeError("malformed", "OsmAnd JSON without a location object")
        }
        let positions = locations.map {
            position($0).finish(deviceId: deviceId, protocolName: protocolName, receivedAtMs: context.receivedAtMs)
        }
        return Decoded(kind: .position, deviceId: deviceId, positions: positions)
    }

    private func position(_ location: OsmAndJSON) -> OsmAndPositionDraft {
        var draft = OsmAndPositionDraft()
        draft.timeMs = location["timestamp"]?.text.flatMap(OsmAndTime.parseISO8601)
        if let coords = location["coords"] { applyCoordinates(coords, to: &draft) }
        if let moving = location["is_moving"]?.bool { draft.attributes["motion"] = .bool(moving) }
        if let odometer = location["odometer"]?.double { draft.attributes["odometer"] = .double(odometer) }
        if let mock = location["mock"]?.bool { draft.attributes["mock"] = .bool(mock) }
        if let event = location["event"]?.text { draft.attributes["event"] = .string(event) }
        if let activity = location["activity"]?["type"]?.text { draft.attributes["activity"] = .string(activity) }
        if let battery = location["battery"] { applyBattery(battery, to: &draft) }
        if case .object(let extras)? = location["extras"] {
            for (key, value) in extras { if let attribute = Self.attribute(value) { draft.attributes[key] = attribute } }
        }
        return draft
    }

    private func applyCoordinates(_ coords: OsmAndJSON, to draft: inout OsmAndPositionDraft) {
        coords["latitude"]?.double.map { draft.position.latitude = $0 }
        coords["longitude"]?.double.map { draft.position.longitude = $0 }
        coords["altitude"]?.double.map { draft.position.altitudeM = $0 }
        coords["accuracy"]?.double.map { draft.attributes["accuracy"] = .double($0) }
        if let speed = coords["speed"]?.double, speed >= 0 { draft.position.speedKmh = Speed.kmh(metersPerSecond: speed) }
        if let heading = coords["heading"]?.double, heading >= 0 { draft.position.courseDeg = heading }
    }

    private func applyBattery(_ battery: OsmAndJSON, to draft: inout OsmAndPositionDraft) {
        if let level = battery["level"]?.double, level >= 0 {
            let percent = (level * 100).rounded()
            draft.attributes["batteryLevel"] = Int64(exactly: percent).map { .int($0) } ?? .double(percent)
        }
        if let charging = battery["is_charging"]?.bool { draft.attributes["charge"] = .bool(charging) }
    }

    /// An `extras` member as Traccar types it; `nil` for null, arrays and objects.
    static func attribute(_ value: OsmAndJSON) -> AttributeValue? {
        switch value {
        case .number(_, let integral?): .int(integral)
        case .number(let number, nil): .double(number)
        case .bool(let flag): .bool(flag)
        case .string(let text): .string(text)
        default: nil
        }
    }
}
