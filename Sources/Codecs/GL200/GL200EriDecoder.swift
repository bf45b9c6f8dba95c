/// ERI: FRI plus an ERI mask announcing peripheral data (fuel sensors, 1-Wire, CAN, BLE) after a
/// model-dependent block of vehicle fields (Traccar's `decodeEri`). Values go on the last position.
enum GL200EriDecoder {
    static func decode(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let model = report.model
        var f = report.cursor(at: 3)
        let vin = model == "GV500" ? try f.next() : nil
        f.skip() // device name
        let mask = try GL200Number.hex(f.next())
        let power = try f.nextInt().map { Double($0) / 1000 }
        f.skip() // report type
        var records = try readPositions(&f, model: model, vin: vin)
        guard var last = records.popLast() else { throw DecodeError("malformed", "ERI report without positions") }
        let sendTime = report.sentence.sendTimeField
        if !sendTime.isEmpty { last.deviceTimeMs = try GL200Time.required(sendTime) }
        last.set("power", double: power)
        try readVehicleBlock(&f, model: model, mask: mask, into: &last)
        try GL200EriPeripherals(mask: mask, model: model, sendTimeIndex: report.fields.count - 2).read(&f, into: &last)
        return records + [last]
    }

    /// `count` position blocks.
    private static func readPositions(_ f: inout GL200Fields, model: String, vin: Substring?) throws(DecodeError) -> [GL200Record] {
        let count = try GL200Number.int(f.next())
        var records: [GL200Record] = []
        for _ in f.repetitions(count) {
            var record = GL200Record()
            record.set("vin", string: vin)
            try GL200LocationFields.read(into: &record, &f, model: model)
            records.append(record)
        }
        return records
    }

    /// Mileage, hour meter, analog inputs, battery and status: which fields exist depends on the model.
    private static func readVehicleBlock(_ f: inout GL200Fields, model: String, mask: Int, into record: inout GL200Record) throws(DecodeError) {
        let isGL5 = model.hasPrefix("GL5")
        if !isGL5 { record.set("odometer", double: try f.nextDouble().map { $0 * 1000 }) }
        if !isGL5 && model != "GL320M" {
            record.set("hours", int: try GL200Record.hoursMs(f.next()))
            if let adc = try f.nextNonEmpty() { try readAnalog(adc, index: 1, into: &record) }
        }
        if model.hasPrefix("GV") && !model.hasPrefix("GV6") && model != "GV350M", let adc = try f.nextNonEmpty() {
            try readAnalog(adc, index: 2, into: &record)
        }
        if ["GV200", "GV310LAU", "GV350CEU"].contains(model) {
            if let adc = try f.nextNonEmpty() { try readAnalog(adc, index: 3, into: &record) }
        } else if (model.hasPrefix("GV3") && model.hasSuffix("CEU")) || model.hasPrefix("GV600M") {
            f.skip() // reserved
        }
        try readBatteryAndStatus(&f, model: model, mask: mask, into: &record)
    }

    private static func readBatteryAndStatus(_ f: inout GL200Fields, model: String, mask: Int, into record: inout GL200Record) throws(DecodeError) {
        if model.hasPrefix("GL5") {
            record.set("batteryLevel", int: try f.nextInt())
            f.skip() // mode selection
            record.set("motion", bool: try f.nextInt().map { $0 > 0 })
        } else if model == "GV200" {
            record.set("input", int: try f.nextHex())
            record.set("output", int: try f.nextHex())
            f.skip() // UART device type
        } else if model == "GL320M" {
            record.set("batteryLevel", int: try f.nextInt())
            if GL200Number.bit(mask, 7) { record.set("externalBattery", int: try f.nextInt()) }
        } else {
            record.set("batteryLevel", int: try f.nextInt())
            if let status = try f.nextHex() { record.setDeviceStatus(status) }
            f.skip() // reserved / UART device type
        }
    }

    /// `F<n>` is a fuel reading, otherwise millivolts.
    private static func readAnalog(_ text: Substring, index: Int, into record: inout GL200Record) throws(DecodeError) {
        if text.hasPrefix("F") {
            record.set("fuel\(index)", int: try GL200Number.int(text.dropFirst()))
        } else {
            record.set("adc\(index)", double: Double(try GL200Number.int(text)) / 1000)
        }
    }
}
