/// The position block as Traccar's `PATTERN_LOCATION` matches it: 12 fields (accuracy, speed,
/// azimuth, altitude, longitude, latitude, fix time, MCC, MNC, LAC, cell id, reserved/mileage),
/// with an optional Wi-Fi list after the fix time. Used by the reports Traccar parses with regular
/// expressions (FRI, OBD, LSW, IDA, DAR, BAA, BID, LSA).
struct GL200LocationPattern {
    /// Index of the block's first field (accuracy) and of the field after it.
    let start: Int
    let end: Int
    /// Index of the MCC field (after the Wi-Fi list, if any).
    let cellStart: Int

    /// The block starting at `start`, or `nil` when the fields there do not have its shape.
    /// Like the regex, a Wi-Fi list is tried first and the plain block second.
    static func match(_ fields: [Substring], at start: Int) -> GL200LocationPattern? {
        guard start >= 0, start + 7 <= fields.count, headMatches(fields, start) else { return nil }
        let afterTime = start + 7
        if let cellStart = wifiEnd(fields, afterTime), cellMatches(fields, cellStart) {
            return GL200LocationPattern(start: start, end: cellStart + 5, cellStart: cellStart)
        }
        guard cellMatches(fields, afterTime) else { return nil }
        return GL200LocationPattern(start: start, end: afterTime + 5, cellStart: afterTime)
    }

    /// Decodes the matched block into `record` (Traccar's pattern-based `decodeLocation`).
    func decode(_ fields: [Substring], into record: inout GL200Record) throws(DecodeError) {
        func number(_ offset: Int) throws(DecodeError) -> Double? {
            fields[start + offset].isEmpty ? nil : try GL200Number.double(fields[start + offset])
        }
        record.hdop = try number(0)
        record.speedKmh = try number(1) ?? 0
        record.courseDeg = try number(2) ?? 0
        record.altitudeM = try number(3) ?? 0
        if let longitude = try number(4), let latitude = try number(5), let time = GL200Time.parse(fields[start + 6]) {
            record.fix = .init(latitude: latitude, longitude: longitude, timeMs: time)
        }
        let mileage = fields[end - 1]
        if mileage.contains(".") { record.set("odometer", double: try GL200Number.double(mileage) * 1000) }
    }

    private static func headMatches(_ f: [Substring], _ i: Int) -> Bool {
        optional(f[i]) { GL200Shape.decimal($0, integer: 1...2, fraction: 0...1, dotOptional: true) }
            && optional(f[i + 1]) { GL200Shape.decimal($0, integer: 1...3, fraction: 1...1) }
            && optional(f[i + 2]) { GL200Shape.decimal($0, integer: 1...3, fraction: 0...1, dotOptional: true) }
            && optional(f[i + 3]) { GL200Shape.decimal($0, signed: true, integer: 1...5, fraction: 1...1) }
            && optional(f[i + 4]) { GL200Shape.decimal($0, signed: true, integer: 1...3, fraction: 6...6) }
            && optional(f[i + 5]) { GL200Shape.decimal($0, signed: true, integer: 1...2, fraction: 6...6) }
            && optional(f[i + 6], GL200Shape.dateTime)
    }

    /// After `count` come entries `mac, -rssi, "", "", ""`; returns the index after the last one.
    private static func wifiEnd(_ f: [Substring], _ i: Int) -> Int? {
        guard i < f.count, GL200Shape.digits(f[i], 1...Int.max) else { return nil }
        var next = i + 1
        while next + 5 <= f.count, GL200Shape.hex(f[next], 12...12), f[next + 1].hasPrefix("-"),
              GL200Shape.digits(f[next + 1].dropFirst(), 1...Int.max),
              f[next + 2].isEmpty, f[next + 3].isEmpty, f[next + 4].isEmpty {
            next += 5
        }
        return next > i + 1 ? next : nil
    }

    /// MCC, MNC (digits), LAC and cell id (hex), and the reserved/mileage field `d+|d+.d`.
    private static func cellMatches(_ f: [Substring], _ i: Int) -> Bool {
        guard i + 5 <= f.count else { return false }
        return optional(f[i]) { GL200Shape.digits($0, 1...Int.max) }
            && optional(f[i + 1]) { GL200Shape.digits($0, 1...Int.max) }
            && optional(f[i + 2]) { GL200Shape.hex($0, 1...Int.max) }
            && optional(f[i + 3]) { GL200Shape.hex($0, 1...Int.max) }
            && optional(f[i + 4]) {
                GL200Shape.digits($0, 1...Int.max) || GL200Shape.decimal($0, integer: 1...Int.max, fraction: 1...1)
            }
    }

    /// An empty field, or one passing `check` (a regex group followed by `?`).
    static func optional(_ field: Substring, _ check: (Substring) -> Bool) -> Bool {
        field.isEmpty || check(field)
    }
}
