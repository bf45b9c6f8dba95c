import TrackwireProtocol

/// What a TK103 command word (and, for `BO01`/`BQ81`, its data) says about alarms and ignition.
enum TK103Alarms {
    static func apply(command: String, data: String, to position: inout Position) {
        if let alarm = alarm(command: command, data: data) {
            position.attributes["alarm"] = .string(alarm)
        } else if let ignition = ignition[command] {
            position.attributes["ignition"] = .bool(ignition)
        }
    }

    static func alarm(command: String, data: String) -> String? {
        switch command {
        case "BO01": return data.first?.wholeNumberValue.flatMap { alarmTypes[$0] }
        case "BQ81": return alertCode(data).flatMap { alertTypes[$0] }
        default: return wordAlarms[command]
        }
    }

    /// `BQ81` data: the digit after `ALARM,`, else the whole data as a number.
    private static func alertCode(_ data: String) -> Int? {
        guard let range = data.firstRange(of: "ALARM,") else { return Int(data) }
        return data[range.upperBound...].first?.wholeNumberValue
    }

    private static let alarmTypes: [Int: String] = [
        1: "accident", 2: "sos", 3: "vibration", 4: "lowspeed", 5: "overspeed", 6: "geofenceExit",
    ]

    private static let alertTypes: [Int: String] = [
        0: "lowBattery", 1: "overspeed", 2: "idle", 3: "hardAcceleration", 4: "hardBraking", 5: "temperature",
    ]

    private static let wordAlarms: [String: String] = {
        var alarms: [String: String] = [:]
        for (words, alarm) in [
            (["ZC11", "DW31", "DW51"], "movement"), (["ZC12", "DW32", "DW52"], "lowBattery"),
            (["ZC13", "DW33", "DW53"], "powerCut"), (["ZC17", "DW37", "DW57"], "removing"),
            (["ZC25", "DW3E", "DW5E"], "sos"), (["ZC26", "DW3F", "DW5F"], "tampering"),
            (["ZC27", "DW40", "DW60"], "lowPower"),
        ] {
            for word in words { alarms[word] = alarm }
        }
        return alarms
    }()

    private static let ignition: [String: Bool] = [
        "ZC15": true, "DW35": true, "DW55": true, "ZC29": true, "DW42": true, "DW62": true,
        "ZC16": false, "DW36": false, "DW56": false,
    ]
}
