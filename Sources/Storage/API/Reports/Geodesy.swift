import Foundation
import TrackwireProtocol

/// Distances on the Earth for reports.
enum Geodesy {
    /// The IUGG mean Earth radius, metres.
    static let earthRadiusM = 6_371_008.8

    /// Great-circle (haversine) distance in metres between two WGS84 points given in degrees.
    static func distanceM(latitude1: Double, longitude1: Double, latitude2: Double, longitude2: Double) -> Double {
        let phi1 = latitude1 * .pi / 180, phi2 = latitude2 * .pi / 180
        let deltaPhi = phi2 - phi1, deltaLambda = (longitude2 - longitude1) * .pi / 180
        let a = sin(deltaPhi / 2) * sin(deltaPhi / 2) + cos(phi1) * cos(phi2) * sin(deltaLambda / 2) * sin(deltaLambda / 2)
        return 2 * earthRadiusM * asin(min(1, sqrt(a)))
    }
}

extension Position {
    /// Seconds from this fix to `other`.
    func seconds(to other: Position) -> Double { Double(other.fixTimeMs - fixTimeMs) / 1000 }

    /// Haversine distance from this fix to `other`, metres.
    func distanceM(to other: Position) -> Double {
        Geodesy.distanceM(latitude1: latitude, longitude1: longitude, latitude2: other.latitude, longitude2: other.longitude)
    }
}
