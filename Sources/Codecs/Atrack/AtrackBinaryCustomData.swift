import TrackwireProtocol

/// Custom data of binary records, read key by key as the form lists them (docs/protocols/atrack.md
/// "Record"): each key has a fixed width (or is NUL-terminated text) and, when Traccar names it,
/// an attribute. A key Traccar does not know consumes nothing, as in Traccar.
enum AtrackBinaryCustomData {
    /// How one key's value is read and what it becomes.
    struct Field {
        /// Bytes; 0 for NUL-terminated text.
        let width: Int
        let key: String?
        /// `nil`: an integer; else the value times `scale.times` over `scale.per` (kept apart so
        /// that tenths stay exact decimals).
        let scale: (times: Double, per: Double)?

        static func skip(_ width: Int) -> Field { Field(width: width, key: nil, scale: nil) }
        static func int(_ width: Int, _ key: String) -> Field { Field(width: width, key: key, scale: nil) }
        static func scaled(_ width: Int, _ key: String, _ times: Double, per: Double = 1) -> Field { Field(width: width, key: key, scale: (times, per)) }
        static func text(_ key: String?) -> Field { Field(width: 0, key: key, scale: nil) }
    }

    static let fields: [String: Field] = [
        "MV": .scaled(2, "power", 1, per: 10), "BV": .scaled(2, "battery", 1, per: 10), "RL": .skip(1), "PC": .int(4, "count1"),
        "RP": .int(2, "rpm"), "GS": .int(1, "rssi"), "VN": .text("vin"), "MF": .skip(2), "EL": .skip(1), "TR": .int(1, "throttle"),
        "ET": .int(2, "temp1"), "FL": .int(1, "fuelLevel"), "ML": .skip(1), "FC": .int(4, "fuelConsumption"), "CI": .text(nil),
        "AV1": .int(2, "adc1"), "NC": .text(nil), "SM": .skip(2), "GL": .text(nil), "MA": .text(nil), "PD": .skip(1),
        "CD": .text("iccid"), "CM": .skip(8), "GN": .skip(60), "GV": .skip(6), "ME": .skip(8), "IA": .skip(1), "MP": .skip(1),
        "EO": .scaled(4, "odometer", 1609.344), "EH": .int(4, "hours"),
        "ZO4": .scaled(1, "throttle", 2, per: 5), "ZO6": .scaled(1, "obdSpeed", 0.805), "ZO9": .scaled(1, "engineLoad", 0.5),
        "ZO10": .scaled(1, "fuelLevel", 0.5), "ZO14": .int(1, "coolantTemp"), "ZH2": .scaled(2, "fuelConsumption", 16.428, per: 3600),
        "ZH3": .scaled(2, "rpm", 0.25), "ZL2": .int(4, "odometer"), "ZL4": .int(4, "hours"), "ZS1": .text("vin"),
        "JO4": .int(1, "engineLoad"), "JO5": .scaled(1, "fuelLevel", 2, per: 5), "JH1": .scaled(2, "obdSpeed", 1, per: 256),
        "JH2": .scaled(2, "rpm", 0.125), "JH8": .int(2, "serviceOdometer"), "JH11": .scaled(2, "fuelConsumption", 1, per: 20),
        "JL1": .scaled(4, "fuelUsed", 0.5), "JL2": .int(4, "hours"), "JL3": .int(4, "odometer"), "JL4": .scaled(4, "fuelUsed", 1, per: 1000),
        "JS1": .text("vin"), "JS3": .text("driver1"), "JS4": .text("driver2"),
    ]

    /// Integer multipliers Traccar applies to some of the integer keys above.
    static let multipliers: [String: Int64] = ["EH": 360_000, "ZL2": 161, "ZL4": 180_000, "JH8": 5, "JL2": 180_000, "JL3": 1000]

    /// Widths of the J1939/FMS families (`ZO…`, `JH…`, …) for keys without a name above.
    static let familyWidths: [String: Int] = ["ZO": 1, "ZH": 2, "ZL": 4, "ZS": 0, "JO": 1, "JH": 2, "JL": 4, "JS": 0, "JN": 4]

    static func read(_ r: inout ByteReader, keys: [Substring], into position: inout Position, _ attributes: inout [String: AttributeValue]) throws(DecodeError) {
        var cell = AtrackCell()
        for key in keys.map(String.init) {
            switch key {
            case "SA": position.satellites = UInt32(try r.u8())
            case "AT": position.altitudeM = Double(try r.u32())
            case "GQ": cell.signal = Int(try r.u8())
            case "CE": cell.cellId = Int(try r.u32())
            case "LC": cell.areaCode = Int(try r.u16())
            case "CN": cell.operatorCode = Int(try r.u32() % 100_000)
            case "DT": attributes["archive"] = .bool(try r.u8() == 1)
            case "MT": attributes["motion"] = .bool(try r.u8() > 0)
            case "IN0": attributes["ignition"] = .bool(try r.u8() > 0)
            case "IN1", "IN2", "IN3": attributes["in" + key.suffix(1)] = .bool(try r.u8() > 0)
            case "HA", "HB", "HC": if try r.u8() > 0 { attributes["alarm"] = .string(AtrackCell.drivingAlarms[key]!) }
            case "JO11": attributes["coolantTemp"] = .int(Int(try r.u8()) - 40)
            case "JH3", "JH4", "JH5", "JH6", "JH7": attributes["axleWeight\(Int(key.dropFirst(2))! - 2)"] = .double(Double(try r.u16()) * 0.5)
            default: try readField(key, &r, into: &attributes)
            }
        }
        cell.apply(to: &attributes)
    }

    private static func readField(_ key: String, _ r: inout ByteReader, into attributes: inout [String: AttributeValue]) throws(DecodeError) {
        guard let field = fields[key] ?? familyWidths[String(key.prefix(2))].map({ Field.skip($0) }), key.count > 2 || fields[key] != nil else { return }
        if field.width == 0 {
            let text = try AtrackBinaryDecoder.string(&r)
            if let name = field.key, let text { attributes[name] = .string(text) }
            return
        }
        let raw = try r.uint(field.width)
        guard let name = field.key else { return }
        if let scale = field.scale {
            attributes[name] = .double(Double(raw) * scale.times / scale.per)
        } else {
            attributes[name] = .int(Int64(raw) * (multipliers[key] ?? 1))
        }
    }
}

/// The cell parts custom data may carry: Trackwire keeps no network data, so only the signal is
/// kept, as `rssi`, when the cell is incomplete (as Traccar does).
struct AtrackCell {
    var signal: Int?
    var cellId: Int?
    var areaCode: Int?
    var operatorCode: Int?

    static let drivingAlarms = ["HA": "hardAcceleration", "HB": "hardBraking", "HC": "hardCornering"]

    func apply(to attributes: inout [String: AttributeValue]) {
        let complete = operatorCode != nil && areaCode != nil && (cellId ?? 0) != 0
        if !complete, let signal { attributes["rssi"] = .int(signal) }
    }
}
