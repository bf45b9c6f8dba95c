import TrackwireProtocol

/// A geofence as the API reads it: a GeoJSON Feature (docs/api.md "Geofences"), validated and
/// turned into the `Geofence` record that is stored and published. The stored `geojson` is the
/// Feature normalised: `"type":"Feature"`, the fence's `id`, its geometry and properties.
enum GeofenceFeature {
    /// Detections a fence may ask for.
    static let detections: Set<String> = ["enter", "exit", "dwell", "cross", "overspeed"]
    /// A fence id's length in characters (Unicode scalars, as JSON Schema's `maxLength` counts).
    static let maxIDLength = 200

    /// The fence for a request body. The id comes from `id` (the path's, for PUT), else the
    /// Feature's `id`, else `properties.id`, else `generateID()`. A body id that differs from the
    /// path's is a 409 (as JSON:API has it: the request is well-formed, it conflicts with the URL).
    static func geofence(from body: JSONValue, id pathID: String? = nil, updatedMs: Int64, generateID: () -> String) throws -> Geofence {
        guard body["type"]?.stringValue == "Feature" else {
            throw APIError.badRequest("the body must be a GeoJSON Feature ({\"type\":\"Feature\",\"geometry\":...,\"properties\":...})")
        }
        let properties = try propertiesObject(body["properties"])
        try GeometryValidator.validate(body["geometry"], properties: properties)
        let topID = try featureID(body["id"], field: "id"), propertiesID = try featureID(properties["id"], field: "properties.id")
        let bodyID = topID ?? propertiesID
        if let pathID, let bodyID, pathID != bodyID {
            throw APIError.conflict("the Feature's id '\(bodyID)' differs from the path's '\(pathID)'")
        }
        let id = pathID ?? bodyID ?? generateID()
        guard (1...maxIDLength).contains(id.unicodeScalars.count) else { throw APIError.badRequest("id must be 1 to \(maxIDLength) characters") }

        var geofence = Geofence()
        geofence.id = id
        geofence.name = try optionalString(properties["name"], field: "properties.name") ?? id
        geofence.speedLimitKmh = try nonNegative(properties["speed_limit_kmh"], field: "properties.speed_limit_kmh") ?? 0
        let dwell = try nonNegative(properties["dwell_s"], field: "properties.dwell_s") ?? 0
        guard dwell <= Double(UInt32.max), dwell.rounded() == dwell else {
            throw APIError.badRequest("properties.dwell_s must be a whole number of seconds")
        }
        geofence.dwellS = UInt32(dwell)
        geofence.detect = try detect(properties["detect"])
        geofence.updatedMs = updatedMs
        geofence.geojson = JSONValue.object([
            "type": "Feature", "id": .string(id), "geometry": GeometryValidator.normalized(body["geometry"]!), "properties": .object(properties),
        ]).text
        return geofence
    }

    /// The stored Feature of a fence, parsed; a minimal Feature if the stored text is not JSON.
    static func feature(of geofence: Geofence) -> JSONValue {
        if let feature = try? JSONValue.parse(Array(geofence.geojson.utf8)), case .object = feature { return feature }
        return .object(["type": "Feature", "id": .string(geofence.id), "geometry": .null, "properties": .object(["name": .string(geofence.name)])])
    }

    private static func propertiesObject(_ value: JSONValue?) throws -> JSONObject {
        switch value {
        case nil, .null?: return JSONObject()
        case .object(let object)?: return object
        default: throw APIError.badRequest("properties must be an object")
        }
    }

    private static func featureID(_ value: JSONValue?, field: String) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let id)?:
            guard (1...maxIDLength).contains(id.unicodeScalars.count) else {
                throw APIError.badRequest("\(field) must be 1 to \(maxIDLength) characters")
            }
            return id
        case .int(let id)?: return String(id)
        case .double(let id)? where id.rounded() == id && id.magnitude < 9.2e18: return String(Int64(id))
        default: throw APIError.badRequest("\(field) must be a string or an integer")
        }
    }

    private static func optionalString(_ value: JSONValue?, field: String) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw APIError.badRequest("\(field) must be a string")
        }
    }

    private static func nonNegative(_ value: JSONValue?, field: String) throws -> Double? {
        switch value {
        case nil, .null?: return nil
        case let value?:
            guard let number = value.number, number >= 0, number.isFinite else {
                throw APIError.badRequest("\(field) must be a number of at least 0")
            }
            return number
        }
    }

    private static func detect(_ value: JSONValue?) throws -> [String] {
        if value == nil || value == .null { return [] }
        guard let names = value?.arrayValue?.compactMap(\.stringValue), names.count == value?.arrayValue?.count,
              names.allSatisfy(detections.contains) else {
            throw APIError.badRequest("properties.detect must be a list of \(detections.sorted().joined(separator: ", "))")
        }
        return names
    }
}
