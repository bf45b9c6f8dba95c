/// CAN: vehicle bus data selected by a report mask (and, when mask bit 29 is set, an expansion
/// mask and a third CAN mask), then an optional position (Traccar's `decodeCan`).
enum GL200CanDecoder {
    static func decode(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        var f = report.cursor(at: 4)
        f.skip(2) // report type, CAN bus state
        let mask = try GL200Number.hex(f.next())
        var record = GL200Record()
        let values = GL200CanValues(model: report.model, mask: mask)
        try values.readBasic(&f, into: &record)
        try values.readExpansions(&f, into: &record)
        if report.model != "GV355CEU" && bit(mask, 30) {
            try readLocation(&f, into: &record)
        }
        record.deviceTimeMs = try report.requiredSendTime()
        return [record]
    }

    /// GPS accuracy (0 = no fix), speed, azimuth, altitude, longitude, latitude, fix time.
    private static func readLocation(_ f: inout GL200Fields, into record: inout GL200Record) throws(DecodeError) {
        while try f.peek().isEmpty { f.skip() }
        let accuracy = try GL200Number.int(f.next())
        guard try !f.peek().isEmpty else { return }
        record.speedKmh = try GL200Number.double(f.next())
        record.courseDeg = Double(try GL200Number.int(f.next()))
        record.altitudeM = try GL200Number.double(f.next())
        let longitude = try GL200Number.double(f.next())
        let latitude = try GL200Number.double(f.next())
        let time = try GL200Time.required(f.next())
        record.fix = .init(latitude: latitude, longitude: longitude, timeMs: time, valid: accuracy > 0)
    }

    static func bit(_ mask: Int, _ index: Int) -> Bool { GL200Number.bit(mask, index) }
}

/// The CAN fields, in wire order. Each mask bit adds one field; empty fields set nothing.
struct GL200CanValues {
    let model: String
    let mask: Int

    private var isGV35xCEU: Bool { GL200Models.isGV35xCEU(model) }

    /// Report mask bits 0...27: VIN, ignition, odometer, fuel, engine, lights, doors, overspeed.
    func readBasic(_ f: inout GL200Fields, into r: inout GL200Record) throws(DecodeError) {
        try readEngine(&f, into: &r)
        try readUsage(&f, into: &r)
    }

    /// Bits 0...10: VIN, ignition, odometer, fuel used, rpm, speed, coolant, consumption, level, range, throttle.
    private func readEngine(_ f: inout GL200Fields, into r: inout GL200Record) throws(DecodeError) {
        if has(0) { r.set("vin", string: try f.next()) }
        if has(1), let value = try f.nextNonEmpty() { r.set("ignition", bool: try GL200Number.int(value) > 0) }
        if has(2), let value = try f.nextNonEmpty(), value.hasPrefix("H") {
            r.set("obdOdometer", int: try GL200Number.int(value.dropFirst()).multipliedReportingOverflow(by: 100).partialValue)
        }
        if has(3), let value = try f.nextNonEmpty(), !value.hasPrefix("K") {
            r.set("fuelUsed", double: try GL200Number.double(value.hasPrefix("L") ? value.dropFirst() : value))
        }
        if has(5) { r.set("rpm", int: try f.nextInt()) }
        if has(4) { r.set("obdSpeed", int: try f.nextInt()) }
        if has(6) { r.set("coolantTemp", int: try f.nextInt()) }
        if has(7), let value = try f.nextNonEmpty(), value.hasPrefix("L/H") {
            r.set("fuelConsumption", double: try GL200Number.double(value.dropFirst(3)))
        }
        if has(8), let value = try f.nextNonEmpty() { r.set("fuel", double: try GL200Number.double(value.dropFirst())) }
        if has(9), let value = try f.nextInt() { r.set("range", int: value.multipliedReportingOverflow(by: 100).partialValue) }
        if has(10) { r.set("throttle", int: try f.nextInt()) }
    }

    /// Bits 11...27: hours, driving and idle time, axle weight, tachograph, lights, doors, overspeed.
    private func readUsage(_ f: inout GL200Fields, into r: inout GL200Record) throws(DecodeError) {
        if has(11), let hours = try f.nextDouble() { r.set("hours", int: Int(exactly: (hours * 3_600_000).rounded(.towardZero))) }
        if has(12) { r.set("drivingTime", double: try f.nextDouble()) }
        if has(13) { r.set("idleHours", double: try f.nextDouble()) }
        if has(14), let value = try f.nextNonEmpty(), !value.hasPrefix("K") {
            r.set("idleFuelConsumption", double: try GL200Number.double(value.hasPrefix("L") ? value.dropFirst() : value))
        }
        if has(15) { r.set("axleWeight", int: try f.nextInt()) }
        for (bit, key) in [(16, "tachographInfo"), (17, "indicators"), (18, "lights"), (19, "doors")] where has(bit) {
            r.set(key, int: try f.nextHex())
        }
        if has(20) { r.set("vehicleOverspeed", double: try f.nextDouble()) }
        if has(21) { r.set("engineOverspeed", double: try f.nextDouble()) }
        let skipped: [Int] = model == "GV350M" ? [22, 23, 24] : isGV35xCEU ? [23, 24, 25, 26, 27] : []
        for bit in skipped where has(bit) { f.skip() }
    }

    /// The expansion mask (bit 29), its fields, and the CAN mask it may announce (its bit 31).
    func readExpansions(_ f: inout GL200Fields, into r: inout GL200Record) throws(DecodeError) {
        var expansion = 0
        if has(29) { expansion = try f.nextHex() ?? 0 }
        let canMask = try GL200CanExpansion(model: model, mask: expansion).read(&f, into: &r)
        try GL200CanExpansion.skipCanFields(&f, model: model, reportMask: mask, expansion: expansion, canMask: canMask)
    }

    private func has(_ bit: Int) -> Bool { GL200Number.bit(mask, bit) }
}
