import Foundation

/// Distances on the Earth: Vincenty's inverse formula on the WGS84 ellipsoid for point to point
/// (circles; millimetre accuracy), and spherical great-circle geometry for point to segment
/// (corridors; within about 0.5 % of the ellipsoidal value, a few decimetres across a corridor).
public enum Geodesic {
    /// WGS84 semi-major axis, metres.
    public static let equatorialRadius = 6_378_137.0
    /// WGS84 flattening.
    public static let flattening = 1 / 298.257_223_563
    /// The mean Earth radius (IUGG), metres, for spherical formulas.
    public static let meanRadius = 6_371_008.8
    /// Metres in one degree of latitude, at least (the meridian arc is shortest at the equator).
    public static let minimumMetresPerDegree = 110_574.0

    /// The ellipsoidal distance in metres between two points (Vincenty's inverse). Falls back to
    /// the great-circle distance for nearly antipodal points, where the iteration does not converge.
    public static func distance(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        vincenty(a, b) ?? greatCircleDistance(a, b)
    }

    /// The great-circle (haversine) distance in metres on the mean sphere.
    public static func greatCircleDistance(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        angle(a, b) * meanRadius
    }

    /// The shortest distance in metres on the mean sphere from `point` to the great-circle segment
    /// `a`–`b`: the cross-track distance when the foot of the perpendicular falls on the segment,
    /// else the distance to the nearer end.
    public static func distance(from point: GeoPoint, toSegment a: GeoPoint, _ b: GeoPoint) -> Double {
        let toPoint = angle(a, point)
        let length = angle(a, b)
        guard length > 1e-12, toPoint > 1e-12 else { return toPoint * meanRadius }
        let turn = bearing(a, point) - bearing(a, b)
        let crossTrack = asin(max(-1, min(1, sin(toPoint) * sin(turn))))
        // Behind `a`: the nearest point of the segment is `a` itself.
        if cos(turn) < 0 { return toPoint * meanRadius }
        let alongTrack = acos(max(-1, min(1, cos(toPoint) / max(cos(crossTrack), 1e-15))))
        if alongTrack > length { return angle(b, point) * meanRadius }
        return abs(crossTrack) * meanRadius
    }

    /// The central angle in radians between two points (haversine, stable for small distances).
    static func angle(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let (φ1, φ2) = (radians(a.latitude), radians(b.latitude))
        let Δφ = φ2 - φ1
        let Δλ = radians(GeoPoint.longitudeDelta(from: a.longitude, to: b.longitude))
        let h = sin(Δφ / 2) * sin(Δφ / 2) + cos(φ1) * cos(φ2) * sin(Δλ / 2) * sin(Δλ / 2)
        return 2 * atan2(sqrt(h), sqrt(max(0, 1 - h)))
    }

    /// The initial bearing in radians from `a` towards `b`.
    static func bearing(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let (φ1, φ2) = (radians(a.latitude), radians(b.latitude))
        let Δλ = radians(GeoPoint.longitudeDelta(from: a.longitude, to: b.longitude))
        return atan2(sin(Δλ) * cos(φ2), cos(φ1) * sin(φ2) - sin(φ1) * cos(φ2) * cos(Δλ))
    }

    @inline(__always) static func radians(_ degrees: Double) -> Double { degrees * .pi / 180 }

    /// Vincenty's inverse formula; `nil` when it does not converge (nearly antipodal points).
    static func vincenty(_ a: GeoPoint, _ b: GeoPoint) -> Double? {
        let f = flattening
        let semiMinor = equatorialRadius * (1 - f)
        let L = radians(GeoPoint.longitudeDelta(from: a.longitude, to: b.longitude))
        let U1 = atan((1 - f) * tan(radians(a.latitude)))
        let U2 = atan((1 - f) * tan(radians(b.latitude)))
        let (sinU1, cosU1, sinU2, cosU2) = (sin(U1), cos(U1), sin(U2), cos(U2))
        var λ = L
        for _ in 0..<200 {
            let (sinλ, cosλ) = (sin(λ), cos(λ))
            let sinσ = sqrt(pow(cosU2 * sinλ, 2) + pow(cosU1 * sinU2 - sinU1 * cosU2 * cosλ, 2))
            if sinσ == 0 { return 0 }  // the same point
            let cosσ = sinU1 * sinU2 + cosU1 * cosU2 * cosλ
            let σ = atan2(sinσ, cosσ)
            let sinα = cosU1 * cosU2 * sinλ / sinσ
            let cos2α = 1 - sinα * sinα
            let cos2σm = cos2α != 0 ? cosσ - 2 * sinU1 * sinU2 / cos2α : 0  // equatorial line
            let C = f / 16 * cos2α * (4 + f * (4 - 3 * cos2α))
            let previous = λ
            λ = L + (1 - C) * f * sinα * (σ + C * sinσ * (cos2σm + C * cosσ * (-1 + 2 * cos2σm * cos2σm)))
            guard abs(λ - previous) > 1e-12 else {
                let u2 = cos2α * (equatorialRadius * equatorialRadius - semiMinor * semiMinor) / (semiMinor * semiMinor)
                let A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
                let B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
                let Δσ = B * sinσ * (cos2σm + B / 4 * (cosσ * (-1 + 2 * cos2σm * cos2σm)
                    - B / 6 * cos2σm * (-3 + 4 * sinσ * sinσ) * (-3 + 4 * cos2σm * cos2σm)))
                return semiMinor * A * (σ - Δσ)
            }
        }
        return nil
    }
}
