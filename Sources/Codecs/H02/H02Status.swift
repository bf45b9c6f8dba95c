import TrackwireProtocol

/// The H02 32-bit status word. Alarm bits are active-low; Traccar reports the first that is set.
enum H02Status {
    /// Sets `alarm`, `ignition` and `status` on `position` from the status word.
    static func apply(_ status: UInt32, to position: inout Position) {
        if let alarm = alarm(status) {
            position.attributes["alarm"] = .string(alarm)
        }
        position.attributes["ignition"] = .bool(isSet(status, 10))
        position.attributes["status"] = .int(Int64(status))
    }

    /// The alarm the word reports, checked in Traccar's order.
    static func alarm(_ status: UInt32) -> String? {
        if !isSet(status, 0) { return "vibration" }
        if !isSet(status, 1) || !isSet(status, 18) { return "sos" }
        if !isSet(status, 2) { return "overspeed" }
        if !isSet(status, 19) { return "powerCut" }
        return nil
    }

    private static func isSet(_ status: UInt32, _ bit: UInt32) -> Bool { status & (1 << bit) != 0 }
}
