/// The one JSON form of a `Position`, whoever renders it: the storage API, push's WebSocket and
/// SSE streams, webhooks and `tw tap` (docs/schemas/position.schema.json). A flat object: numbers
/// as numbers that round-trip exactly, the fix time as ISO 8601 and as unix ms, typed attributes
/// as one flat object sorted by name. The frame reference (gateway, session, sequence) is for
/// acknowledgements inside the pipeline and is left out.
public enum PositionJSON {
    /// The members, in the documented order.
    public static func render(_ position: Position) -> JSONValue {
        var object = JSONObject()
        object.append("device_id", .string(position.deviceID))
        object.append("protocol", .string(position.protocol))
        object.append("fix_time", .string(TimeFormat.iso(ms: position.fixTimeMs)))
        object.append("fix_time_ms", .int(position.fixTimeMs))
        object.append("device_time_ms", .int(position.deviceTimeMs))
        object.append("server_time_ns", .int(position.serverTimeNs))
        object.append("latitude", .double(position.latitude))
        object.append("longitude", .double(position.longitude))
        object.append("altitude_m", .double(position.altitudeM))
        object.append("speed_kmh", .double(position.speedKmh))
        object.append("course_deg", .double(position.courseDeg))
        object.append("satellites", .int(Int64(position.satellites)))
        object.append("hdop", .double(position.hdop))
        object.append("valid", .bool(position.valid))
        object.append("attributes", attributes(position.attributes))
        return .object(object)
    }

    /// `{name: value}` with the value's own JSON type, names sorted.
    public static func attributes(_ attributes: [String: AttributeValue]) -> JSONValue {
        var object = JSONObject()
        for name in attributes.keys.sorted() { object.append(name, attribute(attributes[name]!)) }
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
    public static func parse(_ json: JSONValue) -> Position? {
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
        position.attributes = parseAttributes(json["attributes"])
        return position
    }

    /// Typed attributes back from their JSON object; members of other types are skipped.
    public static func parseAttributes(_ json: JSONValue?) -> [String: AttributeValue] {
        var attributes: [String: AttributeValue] = [:]
        for (name, value) in json?.objectValue?.members ?? [] {
            switch value {
            case .bool(let value): attributes[name] = .bool(value)
            case .int(let value): attributes[name] = .int(value)
            case .double(let value): attributes[name] = .double(value)
            case .string(let value): attributes[name] = .string(value)
            default: continue
            }
        }
        return attributes
    }
}
