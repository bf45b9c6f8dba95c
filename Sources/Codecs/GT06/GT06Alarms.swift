/// GT06 alarm codes in Traccar's names (docs/protocols/gt06.md "Alarm byte codes"), model by model.
enum GT06Alarms {
    /// The alarm for an alarm-byte code (with the language high-nibble extension above 0xFF).
    static func alarm(code: Int, model: GT06Model) -> String? {
        switch code {
        case 0x01: "sos"
        case 0x02: "powerCut"
        case 0x03: "vibration"
        case 0x04: "geofenceEnter"
        case 0x05: "geofenceExit"
        case 0x06: "overspeed"
        case 0x09: model.isVL ? "tow" : model.isTRX16i ? "geofence" : "vibration"
        case 0x0E: model.isTRX16i ? "lowPower" : "lowBattery"
        case 0x0F: "lowBattery"
        case 0x11: "powerOff"
        case 0x0C, 0x13, 0x25, 0x32: "tampering"
        case 0x14: "door"
        case 0x18: model.isLW ? "accident" : "removing"
        case 0x19: model.isLW ? "hardAcceleration" : "lowBattery"
        case 0x1A, 0x27, 0xF1: "hardBraking"
        case 0x1B, 0x2A, 0x2B, 0x2E: "hardCornering"
        case 0x23: "fallDown"
        case 0x26, 0xF0: "hardAcceleration"
        case 0x28: model.isSeeworld ? "hardCornering" : model.isVL ? "powerOff" : "hardBraking"
        case 0x29: model.isSeeworld ? "accident" : model.isVL ? "powerOff" : "hardAcceleration"
        case 0x2C, 0xF2: "accident"
        case 0x30: model.isVL ? "hardBraking" : "jamming"
        case 0x33: "lock"
        case 0x34: "unlock"
        case 0x53: "fuelLeak"
        case 0x5B, 0x5C: "temperature"
        case 0xC9: "idle"
        case 0x107, 0x10B: "jamming"
        default: nil
        }
    }

    /// The alarm in bits 3-5 of the terminal information byte.
    static func statusAlarm(_ status: UInt8, variant: GT06Variant) -> String? {
        switch (status >> 3) & 0x07 {
        case 1: "vibration"
        case 2: "powerCut"
        case 3: "lowBattery"
        case 4: "sos"
        case 6: "geofence"
        case 7: variant == .vxt01 ? "overspeed" : "removing"
        default: nil
        }
    }

    /// JC100/JC400 (0x95) event codes; code 01 is an SOS only in the long (located) form.
    static func eventAlarm(_ event: UInt8, extended: Bool) -> String? {
        switch event {
        case 0x01: extended ? "sos" : "general"
        case 0x0E: "lowPower"
        case 0x76: "temperature"
        case 0x80: "vibration"
        case 0x87: "overspeed"
        case 0x88: "powerCut"
        case 0x90: "hardAcceleration"
        case 0x91: "hardBraking"
        case 0x92: "hardCornering"
        case 0x93: "accident"
        default: nil
        }
    }
}
