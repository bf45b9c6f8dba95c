import TrackwireProtocol

/// The listener options ATrack reports depend on (docs/protocols/atrack.md "Record").
struct AtrackOptions {
    /// Binary records start with a broken-down date instead of three Unix times.
    var longDate = false
    /// The fuel in `FULS:` messages is decimal, not hex.
    var decimalFuel = false
    /// Records end with custom data, laid out by `form` or by the `%CI…` string they carry.
    var custom = false
    var form: String?
    /// Report ids that are alarms, and Traccar's names for them.
    var alarmMap: [Int: String] = [:]
    /// Beacon data in the text form carries no `mode:mask:` prefix (see `AtrackBeacons`).
    var frameMask: Int?

    init(_ options: [String: String]) {
        longDate = AtrackCodec.longDate.isOn(in: options)
        decimalFuel = AtrackCodec.decimalFuel.isOn(in: options)
        form = AtrackCodec.form.text(in: options)
        custom = AtrackCodec.custom.isOn(in: options) || form != nil
        frameMask = AtrackCodec.frameMask.integer(in: options)
        for pair in (AtrackCodec.alarmMap.text(in: options) ?? "").split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let id = Int(parts[0]) { alarmMap[id] = String(parts[1]) }
        }
    }

    /// The custom-data keys of `form` (`%CI%MV%BV` → `CI`, `MV`, `BV`; a leading `%CI` is the
    /// format string itself and is dropped when the form came with the record).
    static func keys(_ form: String) -> [Substring] { form.dropFirst().split(separator: "%", omittingEmptySubsequences: false) }
}
