import TrackwireProtocol

/// The alternative GPS103 format, ending with `*`:
/// `imei:..,<x>,<event>,<sensor id>,<sensor volt>,hhmmss,ddmmyy,<rssi>,<gps 0/1>,<lat>,<lon>,<speed km/h>,<course>,<alt>,<hdop>,<sats>,<ign>,<charge>,<error>*`.
/// Dashes (`---`) mean "no value".
enum GPS103AlternativeReport {
    static func position(_ line: GPS103Line, protocolName: String) -> Position? {
        let f = line.fields
        guard f.count >= 19, TextProto.isDigits(f[7]), TextProto.isDigits(f[8], count: 1),
              let latitude = signedDecimal(f[9]), let longitude = signedDecimal(f[10]),
              Coordinates.isOnGlobe(latitude: latitude, longitude: longitude),
              TextProto.isDigits(f[11]), TextProto.isDigits(f[12]), TextProto.isDigits(f[13].drop { $0 == "-" }),
              TextProto.isPointDecimal(f[14]), TextProto.isDigits(f[15]), isBit(f[16]), isBit(f[17]),
              let timeMs = TextProto.milliseconds(dayMonthYear: f[6], time: f[5]), TextProto.isDigits(f[5], count: 6) else {
            return nil
        }
        var position = TextProto.position(deviceId: line.imei, protocolName: protocolName, timeMs: timeMs)
        position.valid = f[8] != "0"
        position.latitude = latitude
        position.longitude = longitude
        position.speedKmh = Double(f[11]) ?? 0
        position.courseDeg = Double(f[12]) ?? 0
        position.altitudeM = Double(f[13]) ?? 0
        position.hdop = Double(f[14]) ?? 0
        position.satellites = UInt32(f[15]) ?? 0
        position.attributes["rssi"] = Int64(f[7]).map { .int($0) }
        position.attributes["ignition"] = .bool(f[16] == "1")
        position.attributes["charge"] = .bool(f[17] == "1")
        for (key, index) in [("event", 2), ("sensorId", 3), ("error", 18)] {
            position.attributes[key] = value(f[index]).map { .string(String($0)) }
        }
        position.attributes["sensorVoltage"] = value(f[4]).flatMap { Double($0) }.map { .double($0) }
        return position
    }

    /// The field, or `nil` when it is empty or all dashes.
    private static func value(_ field: Substring) -> Substring? {
        field.allSatisfy { $0 == "-" } ? nil : field
    }

    private static func signedDecimal(_ field: Substring) -> Double? {
        TextProto.isPointDecimal(field.hasPrefix("-") ? field.dropFirst() : field) ? Double(field) : nil
    }

    private static func isBit(_ field: Substring) -> Bool { field == "0" || field == "1" }
}
