import TrackwireProtocol

/// The one place a `Position` becomes JSON (docs/api.md "Position"): a flat object whose numbers
/// round-trip exactly, with typed attributes.
enum PositionJSON {
    static func render(_ position: Position) -> JSONValue {
        .object([
            "device_id": .string(position.deviceID),
            "protocol": .string(position.protocol),
            "fix_time": .string(TimeFormat.iso(ms: position.fixTimeMs)),
            "fix_time_ms": .int(position.fixTimeMs),
            "device_time_ms": .int(position.deviceTimeMs),
            "server_time_ns": .int(position.serverTimeNs),
            "latitude": .double(position.latitude),
            "longitude": .double(position.longitude),
            "altitude_m": .double(position.altitudeM),
            "speed_kmh": .double(position.speedKmh),
            "course_deg": .double(position.courseDeg),
            "satellites": .int(Int64(position.satellites)),
            "hdop": .double(position.hdop),
            "valid": .bool(position.valid),
            "attributes": attributes(position.attributes),
        ])
    }

    /// `{name: value}` with the value's own JSON type, names sorted.
    static func attributes(_ attributes: [String: AttributeValue]) -> JSONValue {
        var object = JSONObject()
        for name in attributes.keys.sorted() { object[name] = attribute(attributes[name]!) }
        return .object(object)
    }

    static func attribute(_ value: AttributeValue) -> JSONValue {
        switch value.kind {
        case .boolValue(let value): .bool(value)
        case .intValue(let value): .int(value)
        case .doubleValue(let value): .double(value)
        case .stringValue(let value): .string(value)
        case nil: .null
        }
    }

    /// A position back from its JSON (what a client does); `nil` when a field is missing or mistyped.
    static func parse(_ json: JSONValue) -> Position? {
        guard let device = json["device_id"]?.stringValue, case .int(let fixTime)? = json["fix_time_ms"],
              let latitude = json["latitude"]?.number, let longitude = json["longitude"]?.number else { return nil }
        var position = Position()
        position.deviceID = device
        position.protocol = json["protocol"]?.stringValue ?? ""
        position.fixTimeMs = fixTime
        if case .int(let value)? = json["device_time_ms"] { position.deviceTimeMs = value }
        if case .int(let value)? = json["server_time_ns"] { position.serverTimeNs = value }
        position.latitude = latitude
        position.longitude = longitude
        position.altitudeM = json["altitude_m"]?.number ?? 0
        position.speedKmh = json["speed_kmh"]?.number ?? 0
        position.courseDeg = json["course_deg"]?.number ?? 0
        if case .int(let value)? = json["satellites"] { position.satellites = UInt32(clamping: value) }
        position.hdop = json["hdop"]?.number ?? 0
        if case .bool(let value)? = json["valid"] { position.valid = value }
        for (name, value) in json["attributes"]?.objectValue?.members ?? [] {
            switch value {
            case .bool(let value): position.attributes[name] = .bool(value)
            case .int(let value): position.attributes[name] = .int(value)
            case .double(let value): position.attributes[name] = .double(value)
            case .string(let value): position.attributes[name] = .string(value)
            default: continue
            }
        }
        return position
    }
}
