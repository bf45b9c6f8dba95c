/// The alarm word of a location report (docs/protocols/jt808.md "Location body"), with the
/// model-specific readings Traccar applies.
enum JT808Alarms {
    /// Raises the alarms `value` flags.
    static func decode(_ value: UInt32, settings: JT808Settings, into draft: inout PositionDraft) {
        let bit = { (n: UInt32) in value & (1 << n) != 0 }
        if settings.isPadlock {
            if bit(0) || bit(4) { draft.addAlarm("removing") }
            if bit(1) { draft.addAlarm("tampering") }
            return
        }
        if settings.isAovx {
            if bit(16) { draft.addAlarm("movement") }
            return
        }
        for (bits, alarm) in standard where bits.contains(where: bit) { draft.addAlarm(alarm) }
        if (bit(29) || bit(30)) && settings.model != "VL300" { draft.addAlarm("accident") }
    }

    private static let standard: [([UInt32], String)] = [
        ([0], "sos"), ([1], "overspeed"), ([2], "fatigueDriving"), ([5, 6], "gpsAntennaCut"), ([4, 9, 10, 11], "fault"),
        ([7, 18], "lowBattery"), ([8], "powerOff"), ([15], "vibration"), ([16, 17], "tampering"), ([19], "parking"),
        ([20], "geofence"), ([26], "general"), ([28], "movement"),
    ]
}
