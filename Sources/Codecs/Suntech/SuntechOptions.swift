/// Per-listener Suntech options, read from the context under Traccar's names: `Hbm` (0, 1, 2; `true`
/// means 1), `ProtocolType` (0, 1), `IncludeAdc`, `IncludeRpm`, `IncludeTemp` (`true`/`false`).
struct SuntechOptions {
    /// Extra fields after the legacy report (hours, backup battery, archive, ...), level 0–2.
    var hbm = 0
    /// 1: ST910 reports carry a cell id and an odometer.
    var protocolType = 0
    var includeAdc = false
    var includeRpm = false
    var includeTemp = false

    init(_ options: [String: String]) {
        hbm = SuntechCodec.hbm.value(in: options).map { $0.lowercased() == "true" ? 1 : Int($0) ?? 0 } ?? 0
        protocolType = SuntechCodec.protocolType.integer(in: options) ?? 0
        includeAdc = SuntechCodec.includeAdc.isOn(in: options)
        includeRpm = SuntechCodec.includeRpm.isOn(in: options)
        includeTemp = SuntechCodec.includeTemp.isOn(in: options)
    }
}

/// Suntech alarm codes, with Traccar's alarm names.
enum SuntechAlarms {
    private static let emergencies: [Int: String] = [
        1: "sos", 2: "parking", 3: "powerCut", 5: "door", 6: "door", 7: "movement", 8: "vibration",
    ]
    private static let alerts: [Int: String] = [
        1: "overspeed", 5: "geofenceExit", 6: "geofenceEnter", 14: "lowBattery", 15: "vibration",
        16: "accident", 40: "powerRestored", 41: "powerCut", 42: "sos", 46: "hardAcceleration",
        47: "hardBraking", 50: "jamming", 132: "door",
    ]

    /// The alarm of an `EMG` emergency code.
    static func emergency(_ code: Int) -> String? { emergencies[code] }
    /// The alarm of an `ALT` alert code.
    static func alert(_ code: Int) -> String? { alerts[code] }
}
