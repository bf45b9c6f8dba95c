/// The position block read by index (Traccar's `decodeLocation(position, model, v, index)`):
/// accuracy, speed, azimuth, altitude, longitude, latitude, fix time, optional Wi-Fi list, cell,
/// then a model-dependent tail (mileage or a position append mask).
enum GL200LocationFields {
    /// Reads one block at the cursor into `record` and leaves the cursor after it.
    static func read(into record: inout GL200Record, _ fields: inout GL200Fields, model: String) throws(DecodeError) {
        record.hdop = try fields.nextDouble()
        record.speedKmh = try fields.nextDouble() ?? 0
        record.courseDeg = try fields.nextDouble() ?? 0
        record.altitudeM = try fields.nextDouble() ?? 0
        if try !fields.peek().isEmpty, try !fields.peek(1).isEmpty, try !fields.peek(2).isEmpty {
            let longitude = try GL200Number.double(fields.next())
            let latitude = try GL200Number.double(fields.next())
            record.fix = .init(latitude: latitude, longitude: longitude, timeMs: try GL200Time.required(fields.next()))
        } else {
            fields.skip(3)
        }
        try skipWifi(&fields)
        // The cell (MCC, MNC, LAC, cell id) is not part of a Trackwire position.
        fields.skip(4)
        try readTail(into: &record, &fields, model: model)
    }

    /// `count, (mac, rssi, 3 reserved) × count`, present when the field after the count is a MAC.
    private static func skipWifi(_ fields: inout GL200Fields) throws(DecodeError) {
        guard try fields.peek(1).utf8.count == 12 else { return }
        let count = try GL200Number.int(fields.next())
        for _ in fields.repetitions(count) {
            _ = try fields.next()
            _ = try GL200Number.int(fields.next())
            fields.skip(3)
        }
    }

    private static func readTail(into record: inout GL200Record, _ fields: inout GL200Fields, model: String) throws(DecodeError) {
        if model.hasPrefix("GL5") { fields.skip(2) } // CSQ RSSI and BER
        if model == "GT500MA" || model == "GT501" {
            fields.skip() // CSQ RSSI
            return
        }
        guard model != "GL320M", let value = try fields.nextNonEmpty() else { return }
        if value.contains(".") {
            record.set("odometer", double: try GL200Number.double(value) * 1000)
            return
        }
        let appendMask = try GL200Number.hex(value)
        if GL200Number.bit(appendMask, 0) { record.satellites = try GL200Number.int(fields.next()) }
        if GL200Number.bit(appendMask, 1) { fields.skip() } // GNSS trigger type
        if GL200Number.bit(appendMask, 4) { fields.skip() } // GNSS jamming state
    }
}
