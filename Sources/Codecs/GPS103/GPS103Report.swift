import TrackwireProtocol

/// The regular GPS103 position line:
/// `imei:<IMEI>,<keyword>,<local yyMMddHHmm[ss]>,<phone|rfid>,<F|L>,<UTC hhmmss.sss>,<A|V>,<lat>,<N|S>,<lon>,<E|W>,<speed kn>,<course>[,<alt>,<acc>,<door>,<fuel1 %>,<fuel2 %>,<temp>]`.
struct GPS103Report {
    let line: GPS103Line
    let protocolName: String
    let receivedAtMs: Int64

    /// The line as a position, or `nil` when a field has the wrong shape.
    func position() -> Position? {
        let local = line[safe: 2] ?? ""
        guard Self.isLocalField(local) else { return nil }
        var position: Position
        switch line[safe: 4] {
        case "F": guard let fix = fixPosition(Self.localStamp(local)) else { return nil }; position = fix
        case "L": position = cellPosition()
        default: return nil
        }
        GPS103Keyword.apply(line.keyword, rfid: line[safe: 3] ?? "", to: &position)
        return position
    }

    /// `F,<utc>,<A|V>,[N|S,]<lat>,[N|S,][E|W,]<lon>,[E|W,]<speed>,...`.
    private func fixPosition(_ local: LocalStamp?) -> Position? {
        let f = line.fields
        guard f.count > 8, Self.isUtcField(f[5]), f[6] == "A" || f[6] == "V" else { return nil }
        var index = 7
        let latitudeBefore = take(&index) { $0 == "N" || $0 == "S" }
        guard let latitude = take(&index, where: Self.isDegreesMinutes) else { return nil }
        let latitudeHemisphere = take(&index) { $0 == "N" || $0 == "S" } ?? latitudeBefore
        let longitudeBefore = take(&index) { $0 == "E" || $0 == "W" }
        guard let longitude = take(&index, where: Self.isDegreesMinutes) else { return nil }
        let longitudeHemisphere = take(&index) { $0 == "E" || $0 == "W" || $0.isEmpty } ?? longitudeBefore

        var position = TextProto.position(deviceId: line.imei, protocolName: protocolName,
                                          timeMs: GPS103Time.fixTime(local: local, utc: Self.utcTime(f[5]), receivedAtMs: receivedAtMs))
        position.valid = f[6] == "A"
        position.latitude = Coordinates.degrees(nmea: latitude, hemisphere: latitudeHemisphere?.first) ?? 0
        position.longitude = Coordinates.degrees(nmea: longitude, hemisphere: longitudeHemisphere?.first) ?? 0
        guard Coordinates.isOnGlobe(latitude: position.latitude, longitude: position.longitude) else { return nil }
        GPS103Extras.apply(f[index...], to: &position)
        return position
    }

    /// `L,,,<lac hex>,,<cid hex>,,,`: no GPS; Traccar falls back to the last known location.
    private func cellPosition() -> Position {
        var position = TextProto.position(deviceId: line.imei, protocolName: protocolName, timeMs: receivedAtMs)
        if let lac = line[safe: 7].flatMap(TextProto.hexInt), let cid = line[safe: 9].flatMap(TextProto.hexInt) {
            position.attributes["lac"] = .int(lac)
            position.attributes["cid"] = .int(cid)
        }
        return position
    }

    private func take(_ index: inout Int, where matches: (Substring) -> Bool) -> Substring? {
        guard let field = line[safe: index], matches(field) else { return nil }
        index += 1
        return field
    }

    private static func isDegreesMinutes(_ field: Substring) -> Bool {
        let parts = field.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        return parts.count == 2 && parts[0].utf8.count >= 3 && TextProto.isDigits(parts[0]) && TextProto.isDigits(parts[1])
    }

    /// Whether the local-stamp field has an allowed shape: a stamp, bare digits or nothing.
    static func isLocalField(_ field: Substring) -> Bool {
        field.isEmpty || TextProto.isDigits(field) || localStamp(field) != nil
    }

    /// `yyMMddHHmm[ss]`, also written `yy/MM/dd HH:mm`; the seconds are not used.
    static func localStamp(_ field: Substring) -> LocalStamp? {
        let digits = field.filter { $0 != "/" && $0 != " " && $0 != ":" }
        guard digits.count == 10 || digits.count == 12, TextProto.isDigits(digits[...]) else { return nil }
        let v = Array(digits.utf8).map { Int($0) - 0x30 }
        let pair = { (i: Int) in v[i] * 10 + v[i + 1] }
        return LocalStamp(year: pair(0), month: pair(2), day: pair(4), hour: pair(6), minute: pair(8))
    }

    /// Whether the UTC field has an allowed shape: `hhmmss[.sss]`, a bare `d{1,5}.d+` or nothing.
    static func isUtcField(_ field: Substring) -> Bool {
        let whole = field.prefix { $0 != "." }
        return field.isEmpty || utcTime(field) != nil || (TextProto.isPointDecimal(field) && whole.utf8.count <= 5)
    }

    /// `hhmmss[.sss]` as a time of day.
    static func utcTime(_ field: Substring) -> (hour: Int, minute: Int, second: Int)? {
        let whole = field.prefix { $0 != "." }
        guard whole.utf8.count == 6, whole.count == field.count || TextProto.isPointDecimal(field) else { return nil }
        return TextProto.pairs(whole).map { (hour: $0.0, minute: $0.1, second: $0.2) }
    }
}

/// The device's local date and time of day (minutes precision) from the line's third field.
struct LocalStamp {
    let year: Int, month: Int, day: Int, hour: Int, minute: Int
}
