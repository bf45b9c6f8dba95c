import TrackwireProtocol

/// Checks a geofence's GeoJSON geometry (RFC 7946) before it is stored: a supported type, numbers
/// where positions belong, longitudes in -180...180, latitudes in -90...90, rings of at least four
/// positions, and the shape's own size property (`radius_m`, `width_m`). Errors name the place. A
/// ring whose last position is not its first is closed (`normalized`): the OpenAPI schema cannot
/// say "first equals last", so the API accepts what the schema accepts and stores RFC 7946 rings.
struct GeometryValidator {
    /// Bounds every fence so one request cannot hand the geofence stage an unbounded shape.
    static let maxPositions = 100_000

    private var positionCount = 0

    /// Validates `geometry` given the Feature's `properties`; throws a 400 `APIError`.
    static func validate(_ geometry: JSONValue?, properties: JSONObject) throws {
        var validator = GeometryValidator()
        try validator.check(geometry, properties: properties)
    }

    /// `geometry` (already validated) with every open Polygon ring closed.
    static func normalized(_ geometry: JSONValue) -> JSONValue {
        guard var object = geometry.objectValue, let coordinates = object["coordinates"]?.arrayValue else { return geometry }
        func closed(_ polygon: JSONValue) -> JSONValue {
            .array((polygon.arrayValue ?? []).map { ring in
                guard let positions = ring.arrayValue, let first = positions.first, positions.last != first else { return ring }
                return .array(positions + [first])
            })
        }
        switch object["type"]?.stringValue {
        case "Polygon": object["coordinates"] = closed(.array(coordinates))
        case "MultiPolygon": object["coordinates"] = .array(coordinates.map(closed))
        default: return geometry
        }
        return .object(object)
    }

    private mutating func check(_ geometry: JSONValue?, properties: JSONObject) throws {
        guard let geometry, case .object = geometry else { throw failure("geometry", "must be a GeoJSON geometry object") }
        let coordinates = geometry["coordinates"]
        switch geometry["type"]?.stringValue ?? "" {
        case "Polygon": try polygon(coordinates, at: "geometry.coordinates")
        case "MultiPolygon":
            let polygons = try array(coordinates, at: "geometry.coordinates", minimum: 1)
            for (index, polygon) in polygons.enumerated() { try self.polygon(polygon, at: "geometry.coordinates[\(index)]") }
        case "Point":
            try position(coordinates, at: "geometry.coordinates")
            try Self.positiveProperty("radius_m", in: properties, shape: "a circle (Point)")
        case "LineString":
            try line(coordinates, at: "geometry.coordinates", minimum: 2)
            try Self.positiveProperty("width_m", in: properties, shape: "a corridor (LineString)")
        case let other:
            let name = other.isEmpty ? "missing" : "'\(other)'"
            throw failure("geometry.type", "\(name) is not supported: use Polygon, MultiPolygon, Point with properties.radius_m or LineString with properties.width_m")
        }
    }

    private mutating func polygon(_ value: JSONValue?, at path: String) throws {
        let rings = try array(value, at: path, minimum: 1)
        for (index, ring) in rings.enumerated() {
            let ringPath = "\(path)[\(index)]"
            try line(ring, at: ringPath, minimum: 4)
        }
    }

    @discardableResult
    private mutating func line(_ value: JSONValue?, at path: String, minimum: Int) throws -> [[Double]] {
        let values = try array(value, at: path, minimum: minimum)
        return try values.enumerated().map { try position($1, at: "\(path)[\($0)]") }
    }

    @discardableResult
    private mutating func position(_ value: JSONValue?, at path: String) throws -> [Double] {
        positionCount += 1
        guard positionCount <= Self.maxPositions else {
            throw failure("geometry", "has more than \(Self.maxPositions) positions")
        }
        guard let numbers = value?.arrayValue?.compactMap(\.number), numbers.count == value?.arrayValue?.count,
              (2...3).contains(numbers.count) else {
            throw failure(path, "must be a position [longitude, latitude] (optionally with altitude)")
        }
        guard (-180...180).contains(numbers[0]) else { throw failure(path, "longitude \(numbers[0]) is outside -180...180") }
        guard (-90...90).contains(numbers[1]) else { throw failure(path, "latitude \(numbers[1]) is outside -90...90") }
        return Array(numbers.prefix(2))
    }

    private func array(_ value: JSONValue?, at path: String, minimum: Int) throws -> [JSONValue] {
        guard let values = value?.arrayValue else { throw failure(path, "must be an array") }
        guard values.count >= minimum else { throw failure(path, "needs at least \(minimum) positions or parts, has \(values.count)") }
        return values
    }

    private static func positiveProperty(_ name: String, in properties: JSONObject, shape: String) throws {
        guard let value = properties[name]?.number, value > 0, value.isFinite else {
            throw APIError.badRequest("properties.\(name): \(shape) needs a number greater than 0")
        }
    }

    private func failure(_ path: String, _ message: String) -> APIError {
        APIError.badRequest("\(path): \(message)")
    }
}
