import TrackwireProtocol

/// `$OBD-RT,<power>,<rpm>,<speed>,<throttle>,<load>,<coolant>,<instant>,<average>,<trip>,<odometer>,
/// <trip fuel>,<fuel used>`: an OBD snapshot as text (0xE6 extras, 0x0900 type 0x41). Empty fields
/// are skipped; a sentence cut short ends where it ends.
enum JT808ObdSentence {
    private static let keys = [
        "power", "rpm", "obdSpeed", "throttle", "engineLoad", "coolantTemp", "fuelConsumption", "fuelConsumption",
        "tripOdometer", "obdOdometer", "tripFuelUsed", "fuelUsed",
    ]

    /// Applies the readings of `sentence` (its first field is the header).
    static func apply(_ sentence: String, into d: inout PositionDraft) {
        let values = sentence.split(separator: ",", omittingEmptySubsequences: false).dropFirst()
        for (key, text) in zip(keys, values) where !text.isEmpty {
            if key == "coolantTemp" {
                if let value = TextNumber.int(text) { d[key] = .int(value) }
            } else if let value = TextNumber.decimal(text) {
                d[key] = .double(value)
            }
        }
    }
}
