import TrackwireProtocol

/// One position as a GL200 report describes it, before normalisation into a `Position`.
/// Decoders fill it field by field; `GL200Output` turns it into positions and events.
struct GL200Record {
    /// A GPS fix carried by the report itself.
    struct Fix {
        var latitude: Double
        var longitude: Double
        var timeMs: Int64
        var valid = true
    }

    /// `nil` when the report has no coordinates (Traccar reuses the last known location).
    var fix: Fix?
    var speedKmh = 0.0
    var courseDeg = 0.0
    var altitudeM = 0.0
    var hdop: Double?
    var satellites: Int?
    /// The send time, when it differs from the fix time.
    var deviceTimeMs: Int64?
    var attributes: [String: AttributeValue] = [:]
    /// Traccar alarm names, in the order the report raised them.
    var alarms: [String] = []

    /// Sets an attribute; a `nil` value leaves the attribute as it was (Traccar's `set` semantics).
    mutating func set(_ key: String, _ value: AttributeValue?) {
        if let value { attributes[key] = value }
    }

    mutating func set(_ key: String, int value: Int?) { set(key, value.map { .int($0) }) }
    mutating func set(_ key: String, double value: Double?) { set(key, value.map { .double($0) }) }
    mutating func set(_ key: String, bool value: Bool?) { set(key, value.map { .bool($0) }) }
    /// Empty text is not stored, as in Traccar.
    mutating func set(_ key: String, string value: Substring?) {
        if let value, !value.isEmpty { attributes[key] = .string(String(value)) }
    }

    /// Adds a Traccar alarm (`sos`, `powerCut`, ...) once.
    mutating func addAlarm(_ alarm: String) {
        if !alarms.contains(alarm) { alarms.append(alarm) }
    }

    /// Reads the device status word (6 hex digits): ignition in the top byte, inputs in the middle
    /// byte, outputs in the low byte (`decodeStatus` in Traccar).
    mutating func setDeviceStatus(_ value: Int) {
        let ignition = (value >> 16) & 0xFF
        if GL200Number.bit(ignition, 4) {
            set("ignition", bool: false)
        } else if GL200Number.bit(ignition, 5) {
            set("ignition", bool: true)
        }
        let input = (value >> 8) & 0xFF, output = value & 0xFF
        set("input", int: input)
        set("in1", bool: GL200Number.bit(input, 1))
        set("in2", bool: GL200Number.bit(input, 2))
        set("output", int: output)
        set("out1", bool: GL200Number.bit(output, 0))
        set("out2", bool: GL200Number.bit(output, 1))
    }

    /// Engine hours from `HHHHH:MM:SS` (or fewer parts) as milliseconds.
    static func hoursMs(_ text: Substring) throws(DecodeError) -> Int? {
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var seconds = 0
        for (part, scale) in zip(parts.prefix(3), [3600, 60, 1]) {
            let (product, overflow) = try GL200Number.int(part).multipliedReportingOverflow(by: scale)
            guard !overflow else { throw DecodeError("malformed", "hours out of range") }
            seconds &+= product
        }
        return seconds.multipliedReportingOverflow(by: 1000).overflow ? nil : seconds * 1000
    }
}
