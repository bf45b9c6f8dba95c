import TrackwireProtocol

/// IO values of Ruptela records under Traccar's names (docs/protocols/ruptela.md "IO"); any other
/// id is `io<ID>`. Driver ids split over two 8-byte values are joined by `combine`.
enum RuptelaParameters {
    /// How one id's value reads: as it is, scaled (`value × multiplier / divisor`, divided last so
    /// 1 mV steps read as written), signed and scaled, as a flag, or as an alarm when non-zero.
    private enum Reading {
        case plain(String), scaled(String, Double, Double), signedScaled(String, Double, Double), flag(String), alarmWhenSet(String)
    }

    private static let readings: [Int: Reading] = {
        var table: [Int: Reading] = [
            13: .flag("motion"), 173: .flag("motion"), 20: .plain("adc3"), 21: .plain("adc4"), 22: .plain("adc1"), 23: .plain("adc2"),
            29: .scaled("power", 1, 1000), 30: .scaled("battery", 1, 1000), 32: .signedScaled("deviceTemp", 1, 1), 39: .plain("engineLoad"),
            65: .plain("odometer"), 74: .signedScaled("temp3", 1, 10), 88: .alarmWhenSet("jamming"), 94: .scaled("rpm", 1, 4),
            95: .plain("obdSpeed"), 98: .scaled("fuelLevel", 100, 255), 100: .scaled("fuelConsumption", 1, 20),
            134: .alarmWhenSet("hardBraking"), 136: .alarmWhenSet("hardAcceleration"), 150: .plain("operator"),
            163: .plain("odometer"), 164: .plain("tripOdometer"), 165: .scaled("obdSpeed", 1, 256), 166: .scaled("rpm", 1, 8),
            197: .scaled("rpm", 1, 8), 170: .flag("charge"), 205: .plain("fuelLevel"), 207: .scaled("fuelLevel", 2, 5),
            208: .scaled("fuelUsed", 1, 2), 251: .flag("ignition"), 409: .flag("ignition"), 410: .alarmWhenSet("tow"),
            411: .alarmWhenSet("accident"),
        ]
        for id in 2...5 { table[id] = .plain("in\(id - 1)") }
        for id in 78...80 { table[id] = .signedScaled("temp\(id - 78)", 1, 10) }
        return table
    }()

    /// Applies the value of IO `id`.
    static func apply(_ id: Int, _ value: ArraySlice<UInt8>, into d: inout PositionDraft) {
        let unsigned = value.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let signed = Int64(bitPattern: unsigned << (64 - 8 * UInt64(value.count))) >> (64 - 8 * Int64(value.count))
        let number = value.count == 8 ? signed : Int64(unsigned)
        switch id {
        case 34: d["driverUniqueId"] = .string(HexText.lowercase(value))
        case 163, 164: d[id == 163 ? "odometer" : "tripOdometer"] = .int(number &* 5)
        case 645: d["obdOdometer"] = .int(number &* 1000)
        case 415: if number == 0 { d.addAlarm("gpsAntennaCut") }
        case 758: if number == 1 { d.addAlarm("tampering") }
        default: apply(readings[id], id: id, number: number, signed: signed, into: &d)
        }
    }

    private static func apply(_ reading: Reading?, id: Int, number: Int64, signed: Int64, into d: inout PositionDraft) {
        switch reading {
        case .plain(let key): d[key] = .int(number)
        case .scaled(let key, let multiplier, let divisor): d[key] = .double(Double(number) * multiplier / divisor)
        case .signedScaled(let key, let multiplier, let divisor):
            d[key] = divisor == 1 ? .int(signed) : .double(Double(signed) * multiplier / divisor)
        case .flag(let key): d[key] = .bool(number > 0)
        case .alarmWhenSet(let alarm): if number > 0 { d.addAlarm(alarm) }
        case nil: d["io\(id)"] = .int(number)
        }
    }

    /// CAN (io126 + io127) and tachograph (io155 + io156) driver ids as text, and the
    /// io760 + io761 tag id in hex, as Traccar joins them.
    static func combine(_ d: inout PositionDraft) {
        for (first, second) in [("io126", "io127"), ("io155", "io156")] {
            guard let high = removeInt(first, &d), let low = removeInt(second, &d) else { continue }
            d["driverUniqueId"] = .string(Latin1.string(bigEndianBytes(high) + bigEndianBytes(low)))
        }
        if let high = removeInt("io760", &d), let low = removeInt("io761", &d) {
            d["tagId"] = .string(String(UInt64(bitPattern: high), radix: 16) + String(UInt64(bitPattern: low), radix: 16))
        }
    }

    private static func removeInt(_ key: String, _ d: inout PositionDraft) -> Int64? {
        guard case .intValue(let value)? = d[key]?.kind else { return nil }
        d[key] = nil
        return value
    }
}
