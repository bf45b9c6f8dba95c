/// The GPS part of an H02 `V…` sentence:
/// `hhmmss,<A|V|B|coding>,<lat>,<N|S>,<lon>,<E|W>,<speed kn>,<course>,[battery,]ddmmyy[,sim x3][,<status>[,tail]]`.
struct H02Fix {
    var time: (hour: Int, minute: Int, second: Int)?
    var date: (day: Int, month: Int, year: Int)?
    var valid: Bool
    var latitude: Double
    var longitude: Double
    var speedKnots: Double
    var course: Double
    var tail = H02Tail()

    /// Parses the fix whose time field is `fields.first`; `nil` if any part has the wrong shape.
    init?(_ fields: ArraySlice<Substring>) {
        let f = Array(fields)
        guard f.count >= 9, f[0].isEmpty || TextProto.isDigits(f[0], count: 6),
              let valid = Self.validity(f[1]),
              let latitude = Self.coordinate(f[2], f[3], allowed: "NS"),
              let longitude = Self.coordinate(f[4], f[5], allowed: "EW") else { return nil }
        let speed = f[6].drop { $0 == " " }
        guard TextProto.isDecimal(speed), f[7].isEmpty || TextProto.isDecimal(f[7]),
              let (date, tail) = H02Tail.parseAfterCourse(f[8...]) else { return nil }
        time = TextProto.pairs(f[0]).map { (hour: $0.0, minute: $0.1, second: $0.2) }
        self.date = date.map { (day: $0.0, month: $0.1, year: $0.2) }
        self.valid = valid
        self.latitude = latitude
        self.longitude = longitude
        speedKnots = Double(speed) ?? 0
        course = Double(f[7]) ?? 0
        self.tail = tail
    }

    /// `A` is valid; `V`, `B` and empty are not; a numeric coding scheme counts as valid.
    static func validity(_ field: Substring) -> Bool? {
        switch field {
        case "A": true
        case "V", "B", "": false
        default: TextProto.isDigits(field) ? true : nil
        }
    }

    /// A coordinate in any of the three H02 styles: `DDMM.MMMM`, dashed `-DD-MM.MMMM` or
    /// digits-only `DDMMmmmm`, signed by its hemisphere letter.
    static func coordinate(_ value: Substring, _ hemisphere: Substring, allowed: String) -> Double? {
        if value.hasPrefix("-") { return dashed(value.dropFirst(), hemisphere, allowed: allowed) }
        if value.contains(".") { return TextProto.nmeaDegrees(value, hemisphere: hemisphere, allowed: allowed) }
        guard value.utf8.count >= 7, TextProto.isDigits(value), hemisphere.count == 1,
              let letter = hemisphere.first, allowed.contains(letter),
              let degrees = Double(value.dropLast(6)), let minutes = Double(value.suffix(6)) else { return nil }
        return signed(degrees + minutes / 10_000 / 60, letter)
    }

    private static func dashed(_ value: Substring, _ hemisphere: Substring, allowed: String) -> Double? {
        let parts = value.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, TextProto.isDigits(parts[0]), TextProto.isPointDecimal(parts[1]),
              hemisphere.count == 1, let letter = hemisphere.first, allowed.contains(letter),
              let degrees = Double(parts[0]), let minutes = Double(parts[1]) else { return nil }
        return signed(degrees + minutes / 60, letter)
    }

    private static func signed(_ degrees: Double, _ hemisphere: Character) -> Double {
        hemisphere == "S" || hemisphere == "W" ? -degrees : degrees
    }
}
