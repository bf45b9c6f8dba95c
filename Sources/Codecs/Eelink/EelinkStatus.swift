import TrackwireProtocol

/// The status word and alarm codes both Eelink formats share (docs/protocols/eelink.md "Positions").
enum EelinkStatus {
    /// Each pair is reported only when its "known" bit is set: ignition (1/2), armed (3/4),
    /// blocked (5/6, inverted), charging (7/8); the word itself is `status`.
    static func apply(_ status: UInt16, to attributes: inout [String: AttributeValue]) {
        func bit(_ n: UInt16) -> Bool { status & (1 << n) != 0 }
        if bit(1) { attributes["ignition"] = .bool(bit(2)) }
        if bit(3) { attributes["armed"] = .bool(bit(4)) }
        if bit(5) { attributes["blocked"] = .bool(!bit(6)) }
        if bit(7) { attributes["charge"] = .bool(bit(8)) }
        attributes["status"] = .int(status)
    }

    /// The new format's word adds validity (bit 0, returned), motion (bit 9, with armed) and GPS
    /// (bit 10).
    static func applyNew(_ status: UInt16, to attributes: inout [String: AttributeValue]) -> Bool {
        apply(status, to: &attributes)
        if status & 0x08 != 0 { attributes["motion"] = .bool(status & 0x200 != 0) }
        attributes["gps"] = .bool(status & 0x400 != 0)
        return status & 1 != 0
    }

    /// Sets `alarm` to Traccar's name for `code`, if it has one.
    static func setAlarm(_ code: UInt8, in attributes: inout [String: AttributeValue]) {
        if let alarm = alarm(code) { attributes["alarm"] = .string(alarm) }
    }

    /// Traccar's alarm for a code; `nil` for codes it does not name.
    static func alarm(_ code: UInt8) -> String? {
        switch code {
        case 0x01: "powerOff"
        case 0x02: "sos"
        case 0x03: "lowBattery"
        case 0x04: "vibration"
        case 0x08, 0x09: "gpsAntennaCut"
        case 0x25: "removing"
        case 0x81: "lowspeed"
        case 0x82: "overspeed"
        case 0x83: "geofenceEnter"
        case 0x84: "geofenceExit"
        case 0x85: "accident"
        case 0x86: "fallDown"
        default: nil
        }
    }
}
