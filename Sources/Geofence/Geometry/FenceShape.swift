import Foundation

/// A polygon: an outer ring and the holes cut out of it.
public struct Polygon: Sendable {
    /// The outer boundary.
    public let outer: Ring
    /// Areas inside `outer` that do not belong to the polygon.
    public let holes: [Ring]

    /// A polygon from its rings.
    public init(outer: Ring, holes: [Ring] = []) {
        self.outer = outer
        self.holes = holes
    }

    /// Whether the point lies inside the outer ring and in no hole.
    public func contains(latitude: Double, longitude: Double) -> Bool {
        guard outer.contains(latitude: latitude, longitude: longitude) else { return false }
        for hole in holes where hole.contains(latitude: latitude, longitude: longitude) { return false }
        return true
    }
}

/// The area a fence covers: polygons (a GeoJSON Polygon or MultiPolygon), a circle (a Point with
/// `radius_m`) or a corridor (a LineString with `width_m`, the full width).
public enum FenceShape: Sendable {
    case polygons([Polygon])
    case circle(center: GeoPoint, radiusM: Double)
    case corridor(path: [GeoPoint], widthM: Double)

    /// Whether the shape contains the point.
    public func contains(_ point: GeoPoint) -> Bool {
        switch self {
        case .polygons(let polygons):
            for polygon in polygons where polygon.contains(latitude: point.latitude, longitude: point.longitude) { return true }
            return false
        case .circle(let center, let radius):
            return Geodesic.distance(center, point) <= radius
        case .corridor(let path, let width):
            return Self.distance(from: point, toPath: path) <= width / 2
        }
    }

    /// Whether the segment between two points passes through the shape. Meant for two points that
    /// both lie outside it: then crossing the boundary means passing through.
    public func isCrossed(from a: GeoPoint, to b: GeoPoint) -> Bool {
        switch self {
        case .polygons(let polygons):
            return polygons.contains { polygon in
                polygon.outer.intersectsSegment(from: a, to: b) || polygon.holes.contains { $0.intersectsSegment(from: a, to: b) }
            }
        case .circle(let center, let radius):
            return Geodesic.distance(from: center, toSegment: a, b) <= radius
        case .corridor(let path, let width):
            for index in path.indices.dropFirst() where Self.segmentDistance(a, b, path[index - 1], path[index]) <= width / 2 {
                return true
            }
            return false
        }
    }

    /// The boxes to index the shape under, all within ±180: one per polygon, split at the antimeridian.
    public var indexBoxes: [GeoBox] {
        if case .polygons(let polygons) = self { return polygons.flatMap(\.outer.box.indexBoxes) }
        return box.indexBoxes
    }

    /// The shape's bounding box, possibly past ±180 (see `GeoBox.indexBoxes`).
    public var box: GeoBox {
        switch self {
        case .polygons(let polygons):
            return polygons.reduce(GeoBox.empty) { $0.union($1.outer.box) }
        case .circle(let center, let radius):
            return Self.grow(GeoBox.empty.including(latitude: center.latitude, longitude: center.longitude), by: radius)
        case .corridor(let path, let width):
            var box = GeoBox.empty.including(latitude: path[0].latitude, longitude: path[0].longitude)
            var x = path[0].longitude
            for index in path.indices.dropFirst() {
                x += GeoPoint.longitudeDelta(from: path[index - 1].longitude, to: path[index].longitude)
                box = box.including(latitude: path[index].latitude, longitude: x)
            }
            return Self.grow(box, by: width / 2)
        }
    }

    /// A box grown by `metres` on every side, generously (1 % margin, the shortest degree).
    static func grow(_ box: GeoBox, by metres: Double) -> GeoBox {
        let latitudeDegrees = metres * 1.01 / Geodesic.minimumMetresPerDegree
        let widestLatitude = min(max(abs(box.minLatitude), abs(box.maxLatitude)) + latitudeDegrees, 90)
        let shrink = cos(Geodesic.radians(widestLatitude))
        let longitudeDegrees = shrink > 1e-9 ? latitudeDegrees / shrink : .infinity
        return box.expanded(latitudeDegrees: latitudeDegrees, longitudeDegrees: longitudeDegrees >= 180 ? .infinity : longitudeDegrees)
    }

    /// The distance in metres from a point to a polyline.
    static func distance(from point: GeoPoint, toPath path: [GeoPoint]) -> Double {
        guard path.count > 1 else { return Geodesic.greatCircleDistance(point, path[0]) }
        var nearest = Double.infinity
        for index in path.indices.dropFirst() {
            nearest = min(nearest, Geodesic.distance(from: point, toSegment: path[index - 1], path[index]))
        }
        return nearest
    }

    /// The distance in metres between two short segments: zero if they cross, else the nearest
    /// end of one to the other.
    static func segmentDistance(_ a1: GeoPoint, _ a2: GeoPoint, _ b1: GeoPoint, _ b2: GeoPoint) -> Double {
        let ax1 = a1.longitude, ax2 = ax1 + GeoPoint.longitudeDelta(from: a1.longitude, to: a2.longitude)
        let bx1 = ax1 + GeoPoint.longitudeDelta(from: a1.longitude, to: b1.longitude)
        let bx2 = bx1 + GeoPoint.longitudeDelta(from: b1.longitude, to: b2.longitude)
        if Ring.segmentsIntersect(ax1, a1.latitude, ax2, a2.latitude, bx1, b1.latitude, bx2, b2.latitude) { return 0 }
        return min(
            Geodesic.distance(from: a1, toSegment: b1, b2), Geodesic.distance(from: a2, toSegment: b1, b2),
            Geodesic.distance(from: b1, toSegment: a1, a2), Geodesic.distance(from: b2, toSegment: a1, a2)
        )
    }
}
