/// A point on the WGS84 ellipsoid, in degrees. Longitudes may lie outside ±180 after unwrapping a
/// shape that crosses the antimeridian; `normalizedLongitude` brings them back.
public struct GeoPoint: Sendable, Hashable, Codable {
    /// Degrees north, -90...90.
    public var latitude: Double
    /// Degrees east.
    public var longitude: Double

    /// A point from latitude and longitude in degrees.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// A longitude folded into [-180, 180).
    @inlinable public static func normalizedLongitude(_ longitude: Double) -> Double {
        let folded = (longitude + 180).truncatingRemainder(dividingBy: 360)
        return (folded < 0 ? folded + 360 : folded) - 180
    }

    /// The eastward difference from `a` to `b`, in (-180, 180]: the short way round.
    @inlinable public static func longitudeDelta(from a: Double, to b: Double) -> Double {
        let delta = normalizedLongitude(b - a)
        return delta == -180 ? 180 : delta
    }
}

/// A latitude/longitude rectangle. In the index every box lies within [-180, 180]; a shape's own
/// box may extend past ±180 until `indexBoxes` splits it.
public struct GeoBox: Sendable, Hashable {
    public var minLatitude: Double
    public var maxLatitude: Double
    public var minLongitude: Double
    public var maxLongitude: Double

    /// A box from its edges.
    public init(minLatitude: Double, maxLatitude: Double, minLongitude: Double, maxLongitude: Double) {
        self.minLatitude = minLatitude
        self.maxLatitude = maxLatitude
        self.minLongitude = minLongitude
        self.maxLongitude = maxLongitude
    }

    /// The box that contains nothing; `union` with it is the identity.
    public static let empty = GeoBox(minLatitude: .infinity, maxLatitude: -.infinity, minLongitude: .infinity, maxLongitude: -.infinity)

    /// Every longitude between two latitudes (shapes that reach a pole).
    public static func band(minLatitude: Double, maxLatitude: Double) -> GeoBox {
        GeoBox(minLatitude: max(minLatitude, -90), maxLatitude: min(maxLatitude, 90), minLongitude: -180, maxLongitude: 180)
    }

    /// Whether the box contains a point given in index coordinates (longitude within ±180).
    @inlinable public func contains(latitude: Double, longitude: Double) -> Bool {
        latitude >= minLatitude && latitude <= maxLatitude && longitude >= minLongitude && longitude <= maxLongitude
    }

    /// Whether two boxes share any point.
    @inlinable public func intersects(_ other: GeoBox) -> Bool {
        minLatitude <= other.maxLatitude && other.minLatitude <= maxLatitude
            && minLongitude <= other.maxLongitude && other.minLongitude <= maxLongitude
    }

    /// The smallest box holding both.
    public func union(_ other: GeoBox) -> GeoBox {
        GeoBox(
            minLatitude: min(minLatitude, other.minLatitude), maxLatitude: max(maxLatitude, other.maxLatitude),
            minLongitude: min(minLongitude, other.minLongitude), maxLongitude: max(maxLongitude, other.maxLongitude)
        )
    }

    /// The box grown to include a point.
    public func including(latitude: Double, longitude: Double) -> GeoBox {
        union(GeoBox(minLatitude: latitude, maxLatitude: latitude, minLongitude: longitude, maxLongitude: longitude))
    }

    /// The box grown by `degrees` of latitude and `longitudeDegrees` on each side; a box reaching a
    /// pole, or wider than the world, becomes a full-longitude band.
    public func expanded(latitudeDegrees: Double, longitudeDegrees: Double) -> GeoBox {
        let grown = GeoBox(
            minLatitude: minLatitude - latitudeDegrees, maxLatitude: maxLatitude + latitudeDegrees,
            minLongitude: minLongitude - longitudeDegrees, maxLongitude: maxLongitude + longitudeDegrees
        )
        if grown.maxLatitude >= 90 || grown.minLatitude <= -90 || !longitudeDegrees.isFinite {
            return .band(minLatitude: grown.minLatitude, maxLatitude: grown.maxLatitude)
        }
        return grown
    }

    /// The box as one or two boxes within [-180, 180], split where it crosses the antimeridian.
    public var indexBoxes: [GeoBox] {
        if maxLongitude - minLongitude >= 360 { return [.band(minLatitude: minLatitude, maxLatitude: maxLatitude)] }
        let shift = ((minLongitude + 180) / 360).rounded(.down) * 360
        let (west, east) = (minLongitude - shift, maxLongitude - shift)
        guard east > 180 else { return [with(west, east)] }
        return [with(west, 180), with(-180, east - 360)]
    }

    private func with(_ minLongitude: Double, _ maxLongitude: Double) -> GeoBox {
        GeoBox(minLatitude: minLatitude, maxLatitude: maxLatitude, minLongitude: minLongitude, maxLongitude: maxLongitude)
    }
}
