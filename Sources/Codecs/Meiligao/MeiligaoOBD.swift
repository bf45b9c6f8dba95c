import TrackwireProtocol

/// OBD reports, at the last known location (docs/protocols/meiligao.md "Position text"): 0x9901
/// real-time values, 0x9902 totals, each a comma list Traccar's pattern must match whole, and
/// 0x9903 trouble codes as text.
enum MeiligaoOBD {
    /// 0x9901: value, Traccar's name, and whether it is a `d+.d+` decimal (`true`) or an integer.
    static let realTime: [(name: String, decimal: Bool)] = [
        ("battery", true), ("rpm", false), ("obdSpeed", false), ("throttle", true), ("engineLoad", true), ("coolantTemp", false),
        ("fuelConsumption", true), ("averageFuelConsumption", true), ("drivingRange", true), ("odometer", true),
        ("singleFuelConsumption", true), ("fuelUsed", true), ("dtcs", false), ("hardAccelerationCount", false), ("hardBrakingCount", false),
    ]

    /// 0x9902.
    static let totals: [(name: String, decimal: Bool)] = [
        ("totalIgnitionNo", false), ("totalDrivingTime", true), ("totalIdlingTime", true), ("averageHotStartTime", false),
        ("averageSpeed", false), ("historyHighestSpeed", false), ("historyHighestRpm", false), ("totalHarshAccerleration", false),
        ("totalHarshBrake", false),
    ]

    static func decode(_ command: UInt16, _ text: String) throws(DecodeError) -> [String: AttributeValue] {
        if command == MeiligaoCommand.obdTroubleCodes { return ["dtcs": .string(text)] }
        let layout = command == MeiligaoCommand.obdRealTime ? realTime : totals
        let values = text.split(separator: ",", omittingEmptySubsequences: false)
        guard values.count == layout.count else { throw DecodeError("malformed", "Meiligao OBD report of \(values.count) values: \(text.prefix(40))") }
        var attributes: [String: AttributeValue] = [:]
        for (value, field) in zip(values, layout) {
            // The odometer may lack its fraction; the coolant temperature may be negative.
            if field.decimal, let number = TextNumber.decimal(value), value.contains(".") || field.name == "odometer" {
                attributes[field.name] = .double(number)
            } else if !field.decimal, let number = TextNumber.int(value), !value.hasPrefix("+"), value.first != "-" || field.name == "coolantTemp" {
                attributes[field.name] = .int(number)
            } else {
                throw DecodeError("malformed", "Meiligao OBD value \(field.name)=\(value)")
            }
        }
        return attributes
    }
}
