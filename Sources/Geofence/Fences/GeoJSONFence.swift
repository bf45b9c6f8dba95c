import Foundation
import TrackwireProtocol

/// Reads fences from GeoJSON (RFC 7946): a Feature whose geometry is a Polygon or MultiPolygon
/// (holes included), a Point with `properties.radius_m` (circle) or a LineString with
/// `properties.width_m` (corridor). Properties: `name`, `speed_limit_kmh`, `dwell_s`, `detect`.
public enum GeoJSONFence {
    /// One Feature, from JSON text.
    public static func feature(json: String) throws(FenceError) -> Fence {
        try feature(try object(Data(json.utf8)))
    }

    /// Every Feature of a FeatureCollection (or a single Feature), with one problem per Feature that
    /// could not be used. Throws only when the text is not a Feature or FeatureCollection at all.
    public static func collection(_ data: Data) throws(FenceError) -> (fences: [Fence], problems: [FenceError]) {
        let root = try object(data)
        switch root["type"] as? String {
        case "Feature":
            return ([try feature(root)], [])
        case "FeatureCollection":
            guard let features = root["features"] as? [Any] else { throw FenceError("a FeatureCollection needs a 'features' array") }
            var fences: [Fence] = []
            var problems: [FenceError] = []
            for (index, item) in features.enumerated() {
                do {
                    guard let dictionary = item as? [String: Any] else { throw FenceError("not a JSON object") }
                    fences.append(try feature(dictionary))
                } catch {
                    problems.append(FenceError("feature \(index): \(error)"))
                }
            }
            return (fences, problems)
        default:
            throw FenceError("expected a GeoJSON Feature or FeatureCollection")
        }
    }

    /// The fence a `cfg.geofence` upsert describes: its GeoJSON Feature, with the message's own
    /// fields (id, name, speed limit, dwell, detect) taking precedence where they are set.
    public static func fence(from geofence: Geofence) throws(FenceError) -> Fence {
        var fence = try feature(try object(Data(geofence.geojson.utf8)), fallbackID: geofence.id)
        if !geofence.id.isEmpty { fence.id = geofence.id }
        if !geofence.name.isEmpty { fence.name = geofence.name }
        if geofence.speedLimitKmh > 0 { fence.speedLimitKmh = geofence.speedLimitKmh }
        if geofence.dwellS > 0 { fence.dwellSeconds = Double(geofence.dwellS) }
        if !geofence.detect.isEmpty { fence.detections = try Detections(names: geofence.detect) }
        fence.updatedMs = geofence.updatedMs
        return fence
    }

    static func object(_ data: Data) throws(FenceError) -> [String: Any] {
        guard let parsed = try? JSONSerialization.jsonObject(with: data), let object = parsed as? [String: Any] else {
            throw FenceError("not a JSON object")
        }
        return object
    }

    static func feature(_ object: [String: Any], fallbackID: String = "") throws(FenceError) -> Fence {
        guard object["type"] as? String == "Feature" else { throw FenceError("'type' must be \"Feature\"") }
        let properties = object["properties"] as? [String: Any] ?? [:]
        let id = text(object["id"]) ?? text(properties["id"]) ?? fallbackID
        guard !id.isEmpty else { throw FenceError("the Feature has no id (top-level 'id' or properties.id)") }
        guard let geometry = object["geometry"] as? [String: Any] else { throw FenceError("fence '\(id)': no geometry") }
        do {
            return Fence(
                id: id, name: text(properties["name"]),
                shape: try shape(geometry, properties: properties),
                speedLimitKmh: try number(properties["speed_limit_kmh"], "speed_limit_kmh") ?? 0,
                dwellSeconds: try number(properties["dwell_s"], "dwell_s") ?? 0,
                detections: try Detections(names: properties["detect"] as? [String] ?? [])
            )
        } catch {
            throw FenceError("fence '\(id)': \(error.description)")
        }
    }

    static func shape(_ geometry: [String: Any], properties: [String: Any]) throws(FenceError) -> FenceShape {
        let coordinates = geometry["coordinates"]
        switch geometry["type"] as? String {
        case "Polygon":
            return .polygons([try polygon(coordinates)])
        case "MultiPolygon":
            guard let parts = coordinates as? [Any], !parts.isEmpty else { throw FenceError("a MultiPolygon needs polygons") }
            var polygons: [Polygon] = []
            for part in parts { polygons.append(try polygon(part)) }
            return .polygons(polygons)
        case "Point":
            guard let radius = try number(properties["radius_m"], "radius_m"), radius > 0 else {
                throw FenceError("a Point fence is a circle and needs properties.radius_m > 0")
            }
            return .circle(center: try point(coordinates), radiusM: radius)
        case "LineString":
            guard let width = try number(properties["width_m"], "width_m"), width > 0 else {
                throw FenceError("a LineString fence is a corridor and needs properties.width_m > 0")
            }
            let path = try points(coordinates)
            guard path.count >= 2 else { throw FenceError("a corridor's LineString needs at least two positions") }
            return .corridor(path: path, widthM: width)
        case let other:
            throw FenceError("geometry type '\(other ?? "none")' is not Polygon, MultiPolygon, Point or LineString")
        }
    }

    static func polygon(_ coordinates: Any?) throws(FenceError) -> Polygon {
        guard let rings = coordinates as? [Any], !rings.isEmpty else { throw FenceError("a Polygon needs at least one ring") }
        var parsed: [Ring] = []
        for (index, ringCoordinates) in rings.enumerated() {
            guard let ring = Ring(try points(ringCoordinates)) else {
                throw FenceError("ring \(index) needs at least three distinct positions")
            }
            parsed.append(ring)
        }
        return Polygon(outer: parsed[0], holes: Array(parsed.dropFirst()))
    }

    static func points(_ coordinates: Any?) throws(FenceError) -> [GeoPoint] {
        guard let list = coordinates as? [Any] else { throw FenceError("expected an array of positions") }
        var points: [GeoPoint] = []
        points.reserveCapacity(list.count)
        for item in list { points.append(try point(item)) }
        return points
    }

    static func point(_ coordinates: Any?) throws(FenceError) -> GeoPoint {
        guard let pair = coordinates as? [Any], pair.count >= 2,
              let longitude = (pair[0] as? NSNumber)?.doubleValue, let latitude = (pair[1] as? NSNumber)?.doubleValue,
              longitude.isFinite, (-90...90).contains(latitude) else {
            throw FenceError("a position is [longitude, latitude] with latitude within ±90")
        }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }

    private static func text(_ value: Any?) -> String? {
        if let string = value as? String, !string.isEmpty { return string }
        if let number = value as? NSNumber, !(value is Bool) { return number.stringValue }
        return nil
    }

    private static func number(_ value: Any?, _ name: String) throws(FenceError) -> Double? {
        guard let value, !(value is NSNull) else { return nil }
        guard let number = value as? NSNumber, number.doubleValue.isFinite, number.doubleValue >= 0 else {
            throw FenceError("\(name) must be a number of at least 0")
        }
        return number.doubleValue
    }
}
