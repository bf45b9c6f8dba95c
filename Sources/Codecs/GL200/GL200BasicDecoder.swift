/// The generic parser for every report type without its own layout, and the fallback when a
/// specific layout does not fit (Traccar's `decodeBasic`): it searches the fields for a
/// longitude/latitude pair, a cell and the send time, and maps the report type to an alarm.
/// It never fails: what does not parse is skipped (Traccar throws on some of it), and a report with
/// nothing usable gives `nil`.
enum GL200BasicDecoder {
    /// The alarm each report type raises (Traccar's alarm names).
    static let alarms: [String: String] = [
        "SOS": "sos", "SPD": "overspeed", "TOW": "tow", "IDL": "idle", "PNA": "powerOn", "PFA": "powerOff",
        "EPN": "powerRestored", "MPN": "powerRestored", "EPF": "powerCut", "MPF": "powerCut",
        "BPL": "lowBattery", "STT": "movement", "SWG": "geofence", "TMP": "temperature", "TEM": "temperature",
        "JDR": "jamming", "JDS": "jamming",
    ]

    /// The position, or `nil` when the report says nothing Trackwire can keep.
    static func decode(_ report: GL200Report) -> GL200Record? {
        let v = report.fields
        var record = GL200Record()
        guard v.count > 5 else { return nil }
        if GL200Shape.hex(v[5], 1...2), let reportType = Int(v[5], radix: 16) {
            applyReportType(reportType, report: report, into: &record)
        }
        let located = readLocation(v, into: &record)
        let hasCell = findCell(v, from: located ?? 2)
        if let sendTime = GL200Time.parse(v[v.count - 2]) {
            record.deviceTimeMs = sendTime
            if located != nil, GL200Shape.digits(v[v.count - 3], 1...3) {
                record.set("batteryLevel", int: Int(v[v.count - 3]))
            }
        }
        if let alarm = alarms[report.type] { record.addAlarm(alarm) }
        let saysSomething = located != nil || hasCell || !record.attributes.isEmpty || !record.alarms.isEmpty
        return saysSomething ? record : nil
    }

    /// The report type field (field 5, 1-2 hex digits) carries a state for some report types.
    private static func applyReportType(_ reportType: Int, report: GL200Report, into record: inout GL200Record) {
        switch report.type {
        case "STR", "CTN":
            let battery = report.sentence[8]
            if ["GL500", "GL530"].contains(report.model), let level = Int(battery) { record.set("batteryLevel", int: level) }
        case "NMR": record.set("motion", bool: reportType == 1)
        case "DIS": record.set("in\(reportType / 0x10)", bool: reportType % 0x10 == 1)
        case "IGL": record.set("ignition", bool: reportType % 0x10 == 1)
        case "HBM":
            switch reportType % 0x10 {
            case 0, 3: record.addAlarm("hardBraking")
            case 1, 4: record.addAlarm("hardAcceleration")
            case 2: record.addAlarm("hardCornering")
            default: break
            }
        default: break
        }
    }

    /// The first longitude/latitude pair (6 decimals each) whose four preceding fields (accuracy,
    /// speed, azimuth, altitude) and following fix time parse; returns the index after the time.
    private static func readLocation(_ v: [Substring], into record: inout GL200Record) -> Int? {
        var index = 4
        while index + 2 < v.count {
            if isCoordinate(v[index]) && isCoordinate(v[index + 1]),
               let numbers = finiteNumbers(v[(index - 4)...(index + 1)]), let time = GL200Time.parse(v[index + 2]) {
                record.hdop = numbers[0]
                record.speedKmh = numbers[1]
                record.courseDeg = numbers[2]
                record.altitudeM = numbers[3]
                record.fix = .init(latitude: numbers[5], longitude: numbers[4], timeMs: time)
                return index + 3
            }
            index += 1
        }
        return nil
    }

    /// Every field as a finite number, or `nil` if one is not.
    private static func finiteNumbers(_ fields: ArraySlice<Substring>) -> [Double]? {
        var numbers: [Double] = []
        for field in fields {
            guard let number = Double(field), number.isFinite else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    /// MCC, MNC (4 digits), LAC (4 hex), cell id (4-8 hex) somewhere after `index`.
    private static func findCell(_ v: [Substring], from start: Int) -> Bool {
        var index = start
        while index + 3 < v.count {
            if GL200Shape.digits(v[index], 4...4) && GL200Shape.digits(v[index + 1], 4...4)
                && GL200Shape.hex(v[index + 2], 4...4) && GL200Shape.hex(v[index + 3], 4...8) {
                return true
            }
            index += 1
        }
        return false
    }

    private static func isCoordinate(_ field: Substring) -> Bool {
        GL200Shape.decimal(field, signed: true, integer: 1...3, fraction: 6...6)
    }
}
