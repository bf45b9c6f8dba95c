/// IGN/IGF (ignition on/off) and VGN/VGF (virtual ignition): one position block, then the hour
/// meter and mileage (Traccar's `decodeIgn`). The `ignition` attribute says which.
enum GL200IgnitionDecoder {
    static func decode(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        var f = report.cursor(at: 3)
        f.skip() // device name
        if report.model == "CV200" { f.skip(2) } // reserved, report type
        f.skip() // duration of ignition on/off
        var record = GL200Record()
        try GL200LocationFields.read(into: &record, &f, model: report.model)
        record.set("ignition", bool: report.type.contains("GN"))
        record.set("hours", int: try GL200Record.hoursMs(f.next()))
        if let mileage = try f.nextDouble() { record.set("odometer", double: mileage * 1000) }
        record.deviceTimeMs = try report.requiredSendTime()
        return [record]
    }
}

/// DAT: a position block after a data field the device was configured to send (`decodeDat`).
enum GL200DataDecoder {
    static func decode(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        var f = report.cursor(at: 3)
        f.skip(4) // device name, report type, reserved, reserved
        var record = GL200Record()
        record.set("data", string: try f.next())
        try GL200LocationFields.read(into: &record, &f, model: report.model)
        record.deviceTimeMs = try report.requiredSendTime()
        return [record]
    }
}
