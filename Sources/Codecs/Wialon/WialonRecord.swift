import TrackwireProtocol

/// One `#SD#` / `#D#` record or `#B#` item (docs/protocols/wialon.md "Position fields"):
/// `date;time;lat;N|S;lon;E|W;speed;course;altitude;satellites`, then for `#D#`
/// `;hdop;inputs;outputs;adc,...;ibutton;params`; any field may be `NA`, and a trailing IPS 2.0
/// CRC field is ignored, as Traccar does.
enum WialonRecord {
    /// The record's position; `malformed` when it has fewer than the ten short fields or a field
    /// of the wrong shape.
    static func decode(_ text: Substring, receivedAtMs: Int64) throws(DecodeError) -> PositionDraft {
        let f = TextProto.fields(text, separator: UInt8(ascii: ";")).map { $0 == "NA" ? "" : $0 }
        guard f.count >= 10 else { throw DecodeError("malformed", "a Wialon record has at least 10 fields, got \(f.count)") }
        var d = PositionDraft()
        d.timeMs = try time(date: f[0], time: f[1]) ?? receivedAtMs
        try location(f, into: &d)
        if !f[9].isEmpty {
            guard let satellites = Int(f[9]) else { throw DecodeError("malformed", "Wialon satellites \(f[9].prefix(12))") }
            d["sat"] = .int(satellites)
            d.position.satellites = UInt32(clamping: satellites)
            d.position.valid = d.position.valid && satellites >= 3
        } else {
            d.position.valid = false
        }
        if f.count >= 16 { try WialonExtended.apply(f[10..<16], into: &d) }
        return d
    }

    /// `ddmmyy` and `hhmmss` in UTC; `nil` (the receive time stands in) when either is absent.
    private static func time(date: Substring, time: Substring) throws(DecodeError) -> Int64? {
        guard !date.isEmpty, !time.isEmpty else { return nil }
        guard let ms = TextProto.milliseconds(dayMonthYear: date, time: time) else {
            throw DecodeError("malformed", "Wialon date and time \(date.prefix(8)) \(time.prefix(8))")
        }
        return ms
    }

    /// Latitude and longitude (`DDMM.MMMM`, `DDDMM.MMMM`) with their hemispheres, then speed
    /// (km/h), course and altitude; without coordinates the last known location stands.
    private static func location(_ f: [Substring], into d: inout PositionDraft) throws(DecodeError) {
        guard !f[2].isEmpty, !f[4].isEmpty else { return }
        guard let latitude = degrees(f[2], f[3], negative: "S"), let longitude = degrees(f[4], f[5], negative: "W") else {
            throw DecodeError("malformed", "Wialon coordinates \(f[2].prefix(16)) \(f[4].prefix(16))")
        }
        d.setFix(latitude: latitude, longitude: longitude, valid: true)
        d.position.speedKmh = try number(f[6], "speed")
        d.position.courseDeg = try number(f[7], "course")
        d.position.altitudeM = try number(f[8], "altitude")
    }

    /// Degrees of `DDMM.MMMM`, as Traccar computes them: the minutes are not range-checked.
    private static func degrees(_ field: Substring, _ hemisphere: Substring, negative: Character) -> Double? {
        guard TextProto.isDecimal(field), let value = Double(field), hemisphere.count <= 1 else { return nil }
        let whole = (value / 100).rounded(.towardZero)
        let degrees = whole + (value - whole * 100) / 60
        return hemisphere.first == negative ? -degrees : degrees
    }

    /// A decimal field; 0 when absent.
    private static func number(_ field: Substring, _ name: String) throws(DecodeError) -> Double {
        guard !field.isEmpty else { return 0 }
        guard let value = TextNumber.decimal(field) else { throw DecodeError("malformed", "Wialon \(name) \(field.prefix(12))") }
        return value
    }
}
