/// Reports with one position block at a fixed place, which Traccar matches with whole-line
/// patterns: LSW/TSW (switch state), IDA (driver id), DAR (driver fatigue) and LSA (light sensor).
/// Each returns `nil` when the report does not have its shape (the generic parser then takes it).
enum GL200PatternDecoders {
    /// LSW/TSW: `name, type, state, <position>`; the state is input 1 (LSW) or input 2 (TSW).
    static func decodeSwitch(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(), f.count > 6, isBit(f[4]), isBit(f[5]),
              let block = GL200LocationPattern.match(f, at: 6), report.endsExactly(at: block.end) else { return nil }
        var record = GL200Record()
        record.set(report.type == "LSW" ? "in1" : "in2", bool: f[5] == "1")
        try block.decode(f, into: &record)
        record.deviceTimeMs = report.capturedSendTime()
        return [record]
    }

    /// IDA: `name, "", rfid, type, 1, <position>, mileage, 4 empty fields`.
    static func decodeDriverId(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(), f.count > 8, f[4].isEmpty, !f[5].isEmpty, isBit(f[6]), f[7] == "1",
              let block = GL200LocationPattern.match(f, at: 8), block.end + 5 <= f.count,
              GL200Shape.decimal(f[block.end], integer: 1...Int.max, fraction: 1...1),
              f[(block.end + 1)...(block.end + 4)].allSatisfy(\.isEmpty),
              report.endsExactly(at: block.end + 5) else { return nil }
        var record = GL200Record()
        record.set("driverUniqueId", string: f[5])
        try block.decode(f, into: &record)
        record.set("odometer", double: try GL200Number.double(f[block.end]) * 1000)
        record.deviceTimeMs = report.capturedSendTime()
        return [record]
    }

    /// DAR: `name, warning type, fatigue degree, "", "", <position>, ...`; type 1 is fatigue driving.
    static func decodeFatigue(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(), f.count > 8, GL200Shape.digits(f[4], 1...1), GL200Shape.digits(f[5], 1...2),
              f[6].isEmpty, f[7].isEmpty, let block = GL200LocationPattern.match(f, at: 8),
              report.endsLoosely(after: block.end) else { return nil }
        var record = GL200Record()
        let warningType = try GL200Number.int(f[4])
        if warningType == 1 {
            record.addAlarm("fatigueDriving")
            record.set("fatigueDegree", int: try GL200Number.int(f[5]))
        } else {
            record.set("warningType", int: warningType)
        }
        try block.decode(f, into: &record)
        record.deviceTimeMs = GL200Time.parse(report.sentence.sendTimeField)
        return [record]
    }

    /// LSA: `name, state, state, number, <position>, ber, light level, battery %, mode, motion, temperature`.
    static func decodeLightSensor(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(), f.count > 7, GL200Shape.digits(f[4], 1...1), GL200Shape.digits(f[5], 1...1),
              GL200Shape.digits(f[6], 1...Int.max), let block = GL200LocationPattern.match(f, at: 7),
              block.end + 6 <= f.count, report.endsExactly(at: block.end + 6) else { return nil }
        let tail = f[block.end..<(block.end + 6)].map { $0 }
        guard GL200Shape.digits(tail[0], 1...Int.max), GL200Shape.digits(tail[1], 1...1),
              GL200Shape.digits(tail[2], 1...Int.max), isBit(tail[3]), tail[4].isEmpty || isBit(tail[4]),
              tail[5].isEmpty || GL200Shape.decimal(tail[5], signed: true, integer: 1...Int.max, fraction: 1...1)
        else { return nil }
        var record = GL200Record()
        try block.decode(f, into: &record)
        record.set("lightLevel", int: try GL200Number.int(tail[1]))
        record.set("batteryLevel", int: try GL200Number.int(tail[2]))
        record.set("temp1", double: tail[5].isEmpty ? nil : try GL200Number.double(tail[5]))
        record.deviceTimeMs = report.capturedSendTime()
        return [record]
    }

    /// `[01]`.
    static func isBit(_ field: Substring) -> Bool { field == "0" || field == "1" }
}
