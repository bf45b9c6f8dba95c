import TrackwireProtocol

/// The GPS103 keyword (second field): alarms, ignition, temperature and fuel alarms, the RFID
/// driver id, or any other word kept as `event` (docs/protocols/gps103.md, Traccar's alarm names).
enum GPS103Keyword {
    static func apply(_ keyword: Substring, rfid: Substring, to position: inout Position) {
        let alarm = alarm(keyword)
        if let alarm { position.attributes["alarm"] = .string(alarm) }
        if keyword == "acc on" || keyword == "acc off" {
            position.attributes["ignition"] = .bool(keyword == "acc on")
        } else if keyword.hasPrefix("T:") {
            position.attributes["temp1"] = Double(keyword.dropFirst(2)).map { .double($0) }
        } else if keyword.hasPrefix("oil ") {
            position.attributes["fuel"] = Double(keyword.dropFirst(4)).map { .double($0) }
        } else if alarm == nil, keyword != "tracker", keyword != "help me", !keyword.hasPrefix("vt") {
            position.attributes["event"] = .string(String(keyword))
        }
        if keyword == "rfid", !rfid.isEmpty {
            position.attributes["driverUniqueId"] = .string(String(rfid))
        }
    }

    static func alarm(_ keyword: Substring) -> String? {
        if keyword.hasPrefix("T:") { return "temperature" }
        if keyword.hasPrefix("oil") { return "fuelLeak" }
        return alarms[String(keyword)]
    }

    private static let alarms: [String: String] = [
        "help me": "sos", "low battery": "lowBattery", "stockade": "geofence", "move": "movement",
        "speed": "overspeed", "door alarm": "door", "ac alarm": "powerCut", "accident alarm": "accident",
        "sensor alarm": "vibration", "bonnet alarm": "bonnet", "footbrake alarm": "footBrake", "DTC": "fault",
    ]
}
