import TrackwireProtocol

/// The optional fields after the longitude of a GPS103 position line, in order:
/// speed (knots), course, altitude, ACC, door, fuel 1 (`%`), fuel 2 (`%` or a bare number),
/// temperature. Empty fields are skipped; the first field of the wrong shape ends the list.
enum GPS103Extras {
    private typealias Reader = (check: @Sendable (Substring) -> Bool, apply: @Sendable (Substring, inout Position) -> Void)

    static func apply(_ fields: ArraySlice<Substring>, to position: inout Position) {
        for (field, reader) in zip(fields, readers) where !field.isEmpty {
            guard reader.check(field) else { return }
            reader.apply(field, &position)
        }
    }

    private static let readers: [Reader] = [
        (TextProto.isDecimal, { field, p in p.speedKmh = Speed.kmh(knots: Double(field) ?? 0) }),
        (TextProto.isDecimal, { field, p in p.courseDeg = Double(field) ?? 0 }),
        (TextProto.isSignedDecimal, { field, p in p.altitudeM = Double(field) ?? 0 }),
        (isBit, { field, p in p.attributes["ignition"] = .bool(field == "1") }),
        (isBit, { field, p in p.attributes["door"] = .bool(field == "1") }),
        (isPercent, { field, p in p.attributes["fuel1"] = Double(field.dropLast()).map { .double($0) } }),
        ({ isPercent($0) || TextProto.isDigits($0) }, { field, p in
            if isPercent(field) { p.attributes["fuel2"] = Double(field.dropLast()).map { .double($0) } }
        }),
        ({ TextProto.isDigits($0.hasPrefix("+") || $0.hasPrefix("-") ? $0.dropFirst() : $0) }, { field, p in
            p.attributes["temp1"] = Int64(field).map { .int($0) }
        }),
    ]

    private static func isBit(_ field: Substring) -> Bool { field == "0" || field == "1" }

    private static func isPercent(_ field: Substring) -> Bool {
        field.hasSuffix("%") && TextProto.isPointDecimal(field.dropLast())
    }
}
