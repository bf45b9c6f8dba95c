import Foundation

/// Formatting shared by the text protocols' device encoders: UTC stamps and NMEA coordinates.
enum SimText {
    /// `ms` (UTC) written with `pattern`'s tokens `yyyy`, `yy`, `MM`, `dd`, `HH`, `mm`, `ss`
    /// replaced; anything else is copied.
    static func stamp(_ ms: Int64, _ pattern: String) -> String {
        let t = UTCTime.components(ms)
        return pattern
            .replacingOccurrences(of: "yyyy", with: String(format: "%04d", t.year))
            .replacingOccurrences(of: "yy", with: String(format: "%02d", t.year % 100))
            .replacingOccurrences(of: "MM", with: String(format: "%02d", t.month))
            .replacingOccurrences(of: "dd", with: String(format: "%02d", t.day))
            .replacingOccurrences(of: "HH", with: String(format: "%02d", t.hour))
            .replacingOccurrences(of: "mm", with: String(format: "%02d", t.minute))
            .replacingOccurrences(of: "ss", with: String(format: "%02d", t.second))
    }

    /// A latitude as NMEA `DDMM.MMMM` and its hemisphere (`N`/`S`).
    static func nmea(latitude: Double) -> (value: String, hemisphere: String) {
        (degreesMinutes(abs(latitude), degreeDigits: 2), latitude < 0 ? "S" : "N")
    }

    /// A longitude as NMEA `DDDMM.MMMM` and its hemisphere (`E`/`W`).
    static func nmea(longitude: Double) -> (value: String, hemisphere: String) {
        (degreesMinutes(abs(longitude), degreeDigits: 3), longitude < 0 ? "W" : "E")
    }

    /// Rounded to 1/10000 of a minute first, so 59.99999' carries into the degrees.
    private static func degreesMinutes(_ degrees: Double, degreeDigits: Int) -> String {
        let tenThousandths = Int((degrees * 60 * 10_000).rounded())
        let whole = tenThousandths / 600_000
        let minutes = tenThousandths % 600_000
        return String(format: "%0\(degreeDigits)d%02d.%04d", whole, minutes / 10_000, minutes % 10_000)
    }

    /// `value` with `decimals` decimals, zero-padded to `width` characters.
    static func fixed(_ value: Double, _ decimals: Int, width: Int = 0) -> String {
        String(format: "%0\(width).\(decimals)f", value)
    }

    /// Knots, the wire unit of H02, GPS103 and OsmAnd's query.
    static func knots(_ kmh: Double) -> Double { kmh / 1.852 }
}
