/// INF: device information (state, ICCID, signal, power, battery). No location; the position
/// carries the attributes at the send time (Traccar's `decodeInf`).
///
/// Unlike Traccar, a VIN before the device name (GV500 family) is recognised, so those reports line
/// up instead of failing on the ICCID.
enum GL200InfoDecoder {
    static func decode(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        guard report.sentence.version.count <= 10 else { return nil } // GT300 dialect
        let model = report.model
        let hasVin = GL200Shape.vin(report.sentence[3])
        var f = report.cursor(at: hasVin ? 5 : 4) // after VIN and device name
        var record = GL200Record()
        if let state = try f.nextHex() { setState(state, into: &record) }
        record.set("iccid", string: try f.next())
        record.set("rssi", int: try f.nextInt())
        f.skip(2) // signal quality, external power supply
        try readSensor(&f, into: &record)
        try readPower(&f, model: model, hasVin: hasVin, into: &record)
        record.set("battery", double: try f.nextDouble())
        if try f.nextInt() == 1 { record.set("charge", bool: true) }
        if model == "GV310LAU" {
            f.skip(5) // LED state, power saving, external antenna, last fix time, pin mask
            for adc in 1...3 { record.set("adc\(adc)", int: try GL200Number.int(f.next())) }
        }
        record.deviceTimeMs = try report.requiredSendTime()
        return [record]
    }

    /// A BLE sensor's temperature and humidity, when a MAC (12 characters) follows the next field.
    private static func readSensor(_ f: inout GL200Fields, into record: inout GL200Record) throws(DecodeError) {
        guard try f.peek(1).utf8.count >= 12 else { return }
        f.skip() // Traccar skips here, calling it the sensor MAC
        record.set("deviceTemp", int: try GL200Number.int(f.next()))
        record.set("humidity", int: try GL200Number.int(f.next()))
    }

    /// Main power (mV, or mileage when it has a decimal point) and the second power input.
    private static func readPower(_ f: inout GL200Fields, model: String, hasVin: Bool, into record: inout GL200Record) throws(DecodeError) {
        if let value = try f.nextNonEmpty() {
            if value.contains(".") {
                record.set("odometer", double: try GL200Number.double(value) * 1000)
            } else {
                record.set("power", double: Double(try GL200Number.int(value)) / 1000)
            }
        }
        // Traccar skips this field for GV500VC, which only lines up when the VIN is not recognised.
        guard model != "GV500VC" || hasVin else { return }
        if model == "GV350M" || model == "GV310LAU" {
            f.skip() // expansion mask or network type
        } else if let power2 = try f.nextInt() {
            record.set("power2", double: Double(power2) / 1000)
        }
    }

    /// The device state byte: ignition and motion.
    private static func setState(_ state: Int, into record: inout GL200Record) {
        let (ignition, motion): (Bool?, Bool?) = switch state {
        case 0x16, 0x1A, 0x12: (false, true)
        case 0x11: (false, false)
        case 0x21: (true, false)
        case 0x22: (true, true)
        case 0x41: (nil, false)
        case 0x42: (nil, true)
        default: (nil, nil)
        }
        record.set("ignition", bool: ignition)
        record.set("motion", bool: motion)
    }
}
