/// Coordinate and unit conversions shared by codecs: conversions happen here, once (DESIGN §4).
public enum Coordinates {
    /// NMEA-style `dddmm.mmmm` to signed degrees; `hemisphere` S or W makes it negative.
    /// `nil` if the text is not a number or the minutes are out of range.
    public static func degrees(nmea text: some StringProtocol, hemisphere: Character? = nil) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        let magnitude = abs(value)
        let whole = (magnitude / 100).rounded(.towardZero)
        let minutes = magnitude - whole * 100
        guard minutes < 60 else { return nil }
        var degrees = whole + minutes / 60
        if value < 0 { degrees = -degrees }
        if let hemisphere, hemisphere == "S" || hemisphere == "W" || hemisphere == "s" || hemisphere == "w" {
            degrees = -degrees
        }
        return degrees
    }

    /// Whether a latitude/longitude pair lies on the globe.
    public static func isOnGlobe(latitude: Double, longitude: Double) -> Bool {
        latitude.isFinite && longitude.isFinite && abs(latitude) <= 90 && abs(longitude) <= 180
    }
}

/// Speed unit conversions into km/h, Trackwire's speed unit.
public enum Speed {
    /// Knots to km/h.
    public static func kmh(knots: Double) -> Double { knots * 1.852 }
    /// Miles per hour to km/h.
    public static func kmh(mph: Double) -> Double { mph * 1.609344 }
    /// Metres per second to km/h.
    public static func kmh(metersPerSecond: Double) -> Double { metersPerSecond * 3.6 }
}
