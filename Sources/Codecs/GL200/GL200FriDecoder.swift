/// FRI, GEO, RTL, DOG, STR and CTN: fixed-interval and similar reports carrying one or more
/// position blocks (Traccar's `decodeFri`). Report-wide values go on the last position.
enum GL200FriDecoder {
    /// The positions, or `nil` when the report does not have FRI's shape (the generic parser then
    /// takes it).
    static func decode(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        guard let layout = GL200FriLayout.match(report) else { return nil }
        let fields = report.fields
        var records: [GL200Record] = []
        for block in layout.blocks {
            var record = GL200Record()
            record.set("vin", string: layout.vin)
            try block.decode(fields, into: &record)
            records.append(record)
        }
        guard var last = records.popLast() else { return nil }
        try readHead(layout, into: &last)
        var tail = GL200Fields(fields)
        try readTail(layout, &tail, into: &last)
        last.deviceTimeMs = GL200Time.parse(report.sentence.sendTimeField)
        return records + [last]
    }

    private static func readHead(_ layout: GL200FriLayout, into record: inout GL200Record) throws(DecodeError) {
        if let power = Int(layout.power), power > 10 {
            record.set("power", double: Double(power) / 1000) // only some models send it
        }
        if let battery = layout.battery { record.set("batteryLevel", int: try GL200Number.int(battery)) }
    }

    private static func readTail(_ layout: GL200FriLayout, _ f: inout GL200Fields, into record: inout GL200Record) throws(DecodeError) {
        switch layout.tail {
        case .batteryAndTemperature(let at):
            f.index = at + 1
            try readBatteryAndTemperature(&f, into: &record)
        case .vehicle(let at, let hasReserved):
            f.index = at
            try readVehicle(&f, hasReserved: hasReserved, into: &record)
        case .signal(let at):
            f.index = at
            if let reportType = layout.reportType.flatMap({ Int($0) }) {
                record.set("motion", bool: GL200Number.bit(reportType, 0))
                record.set("charge", bool: GL200Number.bit(reportType, 1))
            }
            record.set("rssi", int: try f.nextInt())
            record.set("batteryLevel", int: try f.nextInt())
        case .battery(let at, let hasMileage):
            f.index = at
            if hasMileage, let mileage = try f.nextDouble() { record.set("odometer", double: mileage * 1000) }
            record.set("batteryLevel", int: try f.nextInt())
        }
    }

    /// Battery mV, battery %, mode, motion, temperature.
    private static func readBatteryAndTemperature(_ f: inout GL200Fields, into record: inout GL200Record) throws(DecodeError) {
        if let millivolts = try f.nextInt() { record.set("battery", double: Double(millivolts) / 1000) }
        record.set("batteryLevel", int: try f.nextInt())
        f.skip(2) // mode, motion
        record.set("temp1", double: try f.nextDouble())
    }

    private static func readVehicle(_ f: inout GL200Fields, hasReserved: Bool, into record: inout GL200Record) throws(DecodeError) {
        if let mileage = try f.nextDouble() { record.set("odometer", double: mileage * 1000) }
        record.set("hours", int: try GL200Record.hoursMs(f.next()))
        record.set("adc1", string: try f.nextNonEmpty())
        record.set("adc2", string: try f.nextNonEmpty())
        if hasReserved { f.skip() }
        record.set("batteryLevel", int: try f.nextInt())
        if let status = try f.nextHex() { record.setDeviceStatus(status) }
        record.set("rpm", int: try f.nextInt())
        f.skip() // fuel consumption
        record.set("fuel", int: try f.nextInt())
    }
}
