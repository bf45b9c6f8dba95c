import TrackwireProtocol

/// `name:type:value,...` parameters (type 1 integer, 2 double, 3 text). Names are lower-cased;
/// `bat`, `temp` and `accuracy` become Traccar's `batteryLevel`, `deviceTemp` and `accuracy`;
/// `mcc`/`mnc`/`lac`/`cell_id` (with an optional index 1–9) form cell towers, kept as `cell`
/// (`mcc,mnc,lac,cid`, `;`-separated, as OsmAnd's); any other value that is a number is a
/// double, `true`/`false` a flag, anything else text.
enum WialonParameters {
    /// Applies every well-formed parameter of `list`.
    static func apply(_ list: Substring, into d: inout PositionDraft) {
        var cells: [Int: [String: Int64]] = [:]
        for parameter in list.split(separator: ",") {
            guard let (name, value) = split(parameter) else { continue }
            let key = name.lowercased()
            if let (field, index) = cellField(key), let number = Int64(value) {
                cells[index, default: [:]][field] = number
            } else {
                set(key, value, into: &d)
            }
        }
        let towers = cells.keys.sorted().compactMap { index -> String? in
            let cell = cells[index] ?? [:]
            let values = ["mcc", "mnc", "lac", "cell_id"].compactMap { cell[$0] }
            return values.count == 4 ? values.map(String.init).joined(separator: ",") : nil
        }
        if !towers.isEmpty { d["cell"] = .string(towers.joined(separator: ";")) }
    }

    /// `name:<1-3>:value`, split at the last type marker (Traccar's greedy `(.*):[1-3]:(.*)`).
    private static func split(_ parameter: Substring) -> (Substring, Substring)? {
        let chars = Array(parameter.utf8)
        guard chars.count >= 3 else { return nil }
        for index in stride(from: chars.count - 3, through: 0, by: -1)
        where chars[index] == UInt8(ascii: ":") && chars[index + 2] == UInt8(ascii: ":") && (0x31...0x33).contains(chars[index + 1]) {
            let nameEnd = parameter.utf8.index(parameter.startIndex, offsetBy: index)
            let valueStart = parameter.utf8.index(nameEnd, offsetBy: 3)
            return (parameter[..<nameEnd], parameter[valueStart...])
        }
        return nil
    }

    /// `mcc`, `mnc`, `lac` or `cell_id`, optionally followed by one digit 1–9.
    private static func cellField(_ key: String) -> (String, Int)? {
        for field in ["cell_id", "mcc", "mnc", "lac"] where key.hasPrefix(field) {
            let suffix = key.dropFirst(field.count)
            if suffix.isEmpty { return (field, 0) }
            if suffix.count == 1, let index = Int(suffix), index >= 1 { return (field, index) }
        }
        return nil
    }

    private static func set(_ key: String, _ value: Substring, into d: inout PositionDraft) {
        switch key {
        case "bat" where TextNumber.int(value) != nil: d["batteryLevel"] = .int(TextNumber.int(value) ?? 0)
        case "temp" where TextNumber.int(value) != nil: d["deviceTemp"] = .int(TextNumber.int(value) ?? 0)
        default:
            if let number = TextNumber.decimal(value) {
                d[key] = .double(number)
            } else if value == "true" || value == "false" {
                d[key] = .bool(value == "true")
            } else {
                d[key] = .string(String(value))
            }
        }
    }
}
