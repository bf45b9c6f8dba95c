/// OBD: engine data from the OBD-II port, then the position block (Traccar's `PATTERN_OBD`).
/// Returns `nil` when the report does not have that shape (the generic parser then takes it).
enum GL200ObdDecoder {
    static func decode(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(), f.count > 24, headMatches(f) else { return nil }
        // The OBD protocol field is optional: tried first, as the regex does.
        for odometerIndex in [24, 23] where odometerIndex == 23 || isProtocol(f[23]) {
            guard GL200Shape.digits(f[odometerIndex], 1...Int.max),
                  let block = GL200LocationPattern.match(f, at: odometerIndex + 1), block.end < f.count,
                  optional(f[block.end], { GL200Shape.decimal($0, integer: 1...7, fraction: 1...1) }),
                  report.endsExactly(at: block.end + 1) else { continue }
            return [try decodeValues(f, odometerIndex: odometerIndex, block: block, report: report)]
        }
        return nil
    }

    /// The engine values, the position and the second odometer.
    private static func decodeValues(_ v: [Substring], odometerIndex: Int, block: GL200LocationPattern, report: GL200Report) throws(DecodeError) -> GL200Record {
        var record = GL200Record()
        try readEngine(GL200Fields(v, at: 11), into: &record)
        let odometer = try GL200Number.int(v[odometerIndex])
        record.set("obdOdometer", int: odometer.multipliedReportingOverflow(by: 1000).partialValue)
        try block.decode(v, into: &record)
        if !v[block.end].isEmpty, let odometer = Int(exactly: (try GL200Number.double(v[block.end]) * 1000).rounded(.towardZero)) {
            record.set("obdOdometer", int: odometer)
        }
        record.deviceTimeMs = report.capturedSendTime()
        return record
    }

    /// Fields 11...22: rpm, speed, coolant, fuel consumption, DTCs, throttle, engine load, fuel level.
    private static func readEngine(_ cursor: GL200Fields, into record: inout GL200Record) throws(DecodeError) {
        var f = cursor
        record.set("rpm", int: try f.nextInt())
        record.set("obdSpeed", int: try f.nextInt())
        record.set("temp1", int: try f.nextInt())
        record.set("fuelConsumption", string: try f.next())
        record.set("dtcsClearedDistance", int: try f.nextInt())
        f.skip()
        if let connected = try f.nextInt() { record.set("odbConnect", bool: connected == 1) }
        record.set("dtcsNumber", int: try f.nextInt())
        record.set("dtcsCodes", string: try f.next())
        record.set("throttle", int: try f.nextInt())
        f.skip() // engine load
        record.set("fuel", int: try f.nextInt())
    }

    /// Fields 3...22: VIN, name, report type, mask, VIN, connection, voltage, PIDs, engine values, DTCs.
    private static func headMatches(_ f: [Substring]) -> Bool {
        let digits = { (range: ClosedRange<Int>) -> GL200Shape.Check in { optional($0) { GL200Shape.digits($0, range) } } }
        let checks: [GL200Shape.Check] = [
            { optional($0, GL200Shape.vin) }, { $0.utf8.count <= 20 }, GL200PatternDecoders.isBit,
            { GL200Shape.hex($0, 1...8) }, { optional($0, GL200Shape.vin) }, GL200PatternDecoders.isBit,
            digits(1...5), { optional($0) { GL200Shape.hex($0, 8...8) } }, digits(1...5), digits(1...3),
            { optional($0) { GL200Shape.digits($0.hasPrefix("-") ? $0.dropFirst() : $0, 1...3) } },
            { optional($0) { $0 == "Inf" || $0 == "NaN" || GL200Shape.decimal($0, integer: 1...Int.max, fraction: 0...Int.max, dotOptional: true) } },
            digits(1...5), digits(1...5), { $0.isEmpty || GL200PatternDecoders.isBit($0) }, digits(1...3),
            { GL200Shape.hex($0, 0...Int.max) }, digits(1...3), digits(1...3), digits(1...3),
        ]
        return GL200Shape.fields(f, from: 3, match: checks)
    }

    /// `[0-9A]`: the OBD protocol.
    private static func isProtocol(_ field: Substring) -> Bool {
        field.utf8.count == 1 && (GL200Shape.digits(field, 1...1) || field == "A")
    }

    private static func optional(_ field: Substring, _ check: (Substring) -> Bool) -> Bool {
        GL200LocationPattern.optional(field, check)
    }
}
