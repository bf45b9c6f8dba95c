import TrackwireProtocol

/// The GPS103 OBD line (no location):
/// `imei:<IMEI>,OBD,<yyMMddHHmmss>,<odometer>,<inst fuel>,<avg fuel>,<hours>,<speed>,<load %>,<coolant>,<throttle %>,<rpm>,<battery>,<DTCs...>`.
enum GPS103ObdReport {
    /// The line as an unlocated position with OBD attributes, `nil` when a field has the wrong shape.
    static func position(_ line: GPS103Line, protocolName: String) -> Position? {
        let f = line.fields
        guard f.count >= 13, TextProto.isDigits(f[2], count: 12),
              optional(f[3], { TextProto.isDigits($0) }), optional(f[4], TextProto.isPointDecimal),
              optional(f[5], TextProto.isPointDecimal), optional(f[6], { TextProto.isDigits($0) }),
              TextProto.isDigits(f[7]), isPercent(f[8]), isTemperature(f[9]), isPercent(f[10]),
              TextProto.isDigits(f[11]), TextProto.isPointDecimal(f[12]),
              let timeMs = milliseconds(f[2]) else { return nil }
        var position = TextProto.position(deviceId: line.imei, protocolName: protocolName, timeMs: timeMs)
        var attributes: [String: AttributeValue] = [:]
        attributes["odometer"] = Int64(f[3]).map { .int($0) }
        attributes["fuelConsumption"] = .double(Double(f[5]) ?? 0)
        attributes["hours"] = Int64(f[6]).map { .int($0 &* 3_600_000) }
        attributes["obdSpeed"] = Int64(f[7]).map { .int($0) }
        attributes["engineLoad"] = .string(String(f[8]))
        attributes["coolantTemp"] = Int64(f[9]).map { .int($0) }
        attributes["throttle"] = .string(String(f[10]))
        attributes["rpm"] = Int64(f[11]).map { .int($0) }
        attributes["battery"] = Double(f[12]).map { .double($0) }
        let dtcs = f[13...].filter { !$0.isEmpty }.joined(separator: " ")
        if !dtcs.isEmpty { attributes["dtcs"] = .string(dtcs) }
        position.attributes = attributes
        return position
    }

    private static func optional(_ field: Substring, _ check: (Substring) -> Bool) -> Bool {
        field.isEmpty || check(field)
    }

    private static func isPercent(_ field: Substring) -> Bool {
        field.hasSuffix("%") && TextProto.isDecimal(field.dropLast())
    }

    /// `[+-]d+`, or a bare sign / nothing when the sensor has no value.
    private static func isTemperature(_ field: Substring) -> Bool {
        let digits = field.hasPrefix("+") || field.hasPrefix("-") ? field.dropFirst() : field
        return digits.isEmpty || TextProto.isDigits(digits)
    }

    /// `yyMMddHHmmss`, UTC.
    private static func milliseconds(_ field: Substring) -> Int64? {
        guard let (year, month, day) = TextProto.pairs(field.prefix(6)),
              let (hour, minute, second) = TextProto.pairs(field.suffix(6)) else { return nil }
        return UTCTime.milliseconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
