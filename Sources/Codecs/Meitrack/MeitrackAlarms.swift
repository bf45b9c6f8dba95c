/// Meitrack event codes and model-specific analog scaling, as Traccar maps them.
enum MeitrackAlarms {
    private static let byEvent: [Int: String] = [
        1: "sos", 17: "lowBattery", 18: "lowPower", 19: "overspeed", 20: "geofenceEnter",
        21: "geofenceExit", 22: "powerRestored", 23: "powerCut", 36: "tow", 44: "jamming",
        78: "accident", 90: "cornering", 91: "cornering", 129: "hardBraking", 130: "hardAcceleration",
        135: "fatigueDriving",
    ]

    /// Traccar's alarm name for an AAA event code, `nil` for ordinary reports (35 = timed report).
    static func alarm(forEvent event: Int) -> String? { byEvent[event] }

    /// Multipliers turning the hex battery and external power ADC readings into volts.
    static func voltageScale(model: String) -> (battery: Double, power: Double) {
        switch model.uppercased() {
        case "MVT340", "MVT380": (3.0 * 2.0 / 1024.0, 3.0 * 16.0 / 1024.0)
        case "MT90": (3.3 * 2.0 / 4096.0, 1)
        case "MT90G": (3.0 * 2.0 / 4096.0, 1)
        case "T1", "T3", "MVT100", "MVT600", "MVT800", "TC68", "TC68S": (3.3 * 2.0 / 4096.0, 3.3 * 16.0 / 4096.0)
        default: (0.01, 0.01)
        }
    }
}
