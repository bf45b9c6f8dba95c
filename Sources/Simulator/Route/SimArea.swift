import Foundation

/// The circle vehicles drive in: `--area lat,lon,radius_km`.
public struct SimArea: Sendable, Equatable {
    public var latitude: Double
    public var longitude: Double
    public var radiusKm: Double

    /// Berlin, 15 km around the centre: the default.
    public static let berlin = SimArea(latitude: 52.52, longitude: 13.405, radiusKm: 15)

    public init(latitude: Double, longitude: Double, radiusKm: Double) {
        self.latitude = latitude
        self.longitude = longitude
        self.radiusKm = radiusKm
    }

    /// Parses `lat,lon,radius_km`; `nil` unless the numbers make a circle on the globe of at least 0.5 km.
    public init?(_ text: String) {
        let numbers = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 3, abs(numbers[0]) <= 85, abs(numbers[1]) <= 180, numbers[2] >= 0.5, numbers[2] <= 1000 else { return nil }
        self.init(latitude: numbers[0], longitude: numbers[1], radiusKm: numbers[2])
    }

    private static let metresPerDegree = 111_320.0

    /// The point `east`/`north` metres from the centre (a flat-earth approximation, fine at city scale).
    func coordinate(east: Double, north: Double) -> (latitude: Double, longitude: Double) {
        (latitude + north / Self.metresPerDegree, longitude + east / (Self.metresPerDegree * cos(latitude * .pi / 180)))
    }

    /// Metres east and north of the centre.
    func offset(latitude lat: Double, longitude lon: Double) -> (east: Double, north: Double) {
        ((lon - longitude) * Self.metresPerDegree * cos(latitude * .pi / 180), (lat - latitude) * Self.metresPerDegree)
    }
}
