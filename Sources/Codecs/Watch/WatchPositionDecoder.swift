import TrackwireProtocol

/// Decodes the location content of `UD*`, `AL*` and `WT*`:
/// `<ddmmyy>,<hhmmss>,<A|V>,<lat>,<N|S>,<lon>,<E|W>,<speed km/h>,<course>,<altitude>,<satellites>,
/// <gsm>,<battery %>,<steps>,<tumbles>,<status hex>,<cells…>,<wifi…>`. Cells and Wi-Fi are not kept.
struct WatchPositionDecoder {
    let protocolName: String

    func decode(_ frame: WatchFrame) throws(DecodeError) -> Position {
        var fields = TextFieldReader(Latin1.fields(frame.data, separator: UInt8(ascii: ",")))
        let date = try fields.next()
        guard let time = Self.time(date: date, time: try fields.next()) else {
            throw DecodeError("malformed", "bad watch date/time")
        }
        var position = Position.stub(deviceId: frame.id, protocolName: protocolName, timeMs: time)
        position.valid = try fields.next() == "A"
        position.latitude = try Self.coordinate(&fields)
        position.longitude = try Self.coordinate(&fields)
        position.speedKmh = fields.optionalDouble() ?? 0
        position.courseDeg = fields.optionalDouble() ?? 0
        position.altitudeM = fields.optionalDouble() ?? 0
        position.satellites = UInt32(clamping: fields.optionalInt() ?? 0)
        position.set("rssi", fields.optionalInt().map(AttributeValue.int))
        position.set("batteryLevel", fields.optionalInt().map(AttributeValue.int))
        position.set("steps", fields.optionalInt().map(AttributeValue.int))
        fields.skip()  // tumbles
        let status = (try? fields.next()).flatMap(TextNumber.hex) ?? 0
        position.setAlarm(WatchAlarms.alarm(status: status))
        if status >> 4 & 1 == 1 { position.attributes["motion"] = .bool(true) }
        return position
    }

    /// A decimal-degree value (leading spaces allowed) and its hemisphere field (may be empty).
    private static func coordinate(_ fields: inout TextFieldReader) throws(DecodeError) -> Double {
        let text = try fields.next().drop { $0 == " " }
        guard let value = TextNumber.decimal(text) else { throw DecodeError("malformed", "bad watch coordinate") }
        let hemisphere = try fields.next()
        return hemisphere == "S" || hemisphere == "W" ? -abs(value) : value
    }

    /// `ddmmyy` and `hhmmss`, UTC.
    static func time(date: String, time: String) -> Int64? {
        let d = Array(date.utf8), t = Array(time.utf8)
        guard d.count == 6, t.count == 6, (d + t).allSatisfy({ (48...57).contains($0) }) else { return nil }
        func pair(_ bytes: [UInt8], _ i: Int) -> Int { Int(bytes[i] - 48) * 10 + Int(bytes[i + 1] - 48) }
        return UTCTime.milliseconds(year: pair(d, 4), month: pair(d, 2), day: pair(d, 0),
                                    hour: pair(t, 0), minute: pair(t, 2), second: pair(t, 4))
    }
}

/// The alarm a watch's status word announces, checked in Traccar's priority order.
enum WatchAlarms {
    private static let byBit: [(bit: Int, alarm: String)] = [
        (0, "lowBattery"), (1, "geofenceExit"), (2, "geofenceEnter"), (14, "powerCut"), (16, "sos"),
        (17, "lowBattery"), (18, "geofenceExit"), (19, "geofenceEnter"), (20, "removing"),
        (21, "fallDown"), (22, "fallDown"),
    ]

    static func alarm(status: Int) -> String? {
        byBit.first { status >> $0.bit & 1 == 1 }?.alarm
    }
}
