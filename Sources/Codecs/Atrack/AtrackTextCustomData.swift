import TrackwireProtocol

/// Custom data of text records: comma-separated values in the order of the form's keys, the form
/// being the listener's `Form` or the record's leading `%CI…` value (docs/protocols/atrack.md
/// "Record"). Values that are no number where a number belongs are left out.
enum AtrackTextCustomData {
    /// Keys that become a number attribute: name, and for tenths the divisor 10 (a decimal), for
    /// engine hours in tenths the factor to milliseconds (an integer).
    static let numbers: [String: (key: String, tenths: Bool, factor: Int)] = [
        "MV": ("power", true, 1), "BV": ("battery", true, 1), "PC": ("count1", false, 1), "RP": ("rpm", false, 1), "GS": ("rssi", false, 1),
        "TR": ("throttle", false, 1), "ET": ("coolantTemp", false, 1), "FL": ("fuelLevel", false, 1), "FC": ("fuelConsumption", false, 1),
        "AV1": ("adc1", false, 1), "EH": ("hours", false, 360_000), "IA": ("intakeTemp", false, 1), "EL": ("engineLoad", false, 1),
    ]

    static func read(_ data: String, options: AtrackOptions, into position: inout Position, _ attributes: inout [String: AttributeValue]) {
        var data = Substring(data)
        var form = options.form.map { Substring($0) }
        if form == nil {
            guard let comma = data.firstIndex(of: ",") else { return }
            form = data[..<comma].dropFirst(3)
            data = data[data.index(after: comma)...]
        }
        let keys = AtrackOptions.keys(String(form!))
        let values = data.split(omittingEmptySubsequences: false) { $0 == "," || $0 == "\r\n" }
        var cell = AtrackCell()
        for (key, value) in zip(keys, values) {
            let number = TextNumber.int(value)
            switch key {
            case "SA": number.map { position.satellites = UInt32(clamping: $0) }
            case "AT": number.map { position.altitudeM = Double($0) }
            case "GQ": cell.signal = number
            case "CE": cell.cellId = number
            case "LC": cell.areaCode = number
            case "CN": cell.operatorCode = value.count > 3 ? number : nil
            case "DT": number.map { attributes["archive"] = .bool($0 == 1) }
            case "MT": number.map { attributes["motion"] = .bool($0 > 0) }
            case "VN": attributes["vin"] = .string(String(value))
            case "CD": attributes["iccid"] = .string(String(value))
            case "HA", "HB", "HC": if (number ?? 0) > 0 { attributes["alarm"] = .string(AtrackCell.drivingAlarms[String(key)]!) }
            case "BC": AtrackBeacons.read(String(value), frameMask: options.frameMask, into: &attributes)
            default:
                guard let field = numbers[String(key)], let number else { continue }
                attributes[field.key] = field.tenths ? .double(Double(number) / 10) : .int(number * field.factor)
            }
        }
        cell.apply(to: &attributes)
    }
}
