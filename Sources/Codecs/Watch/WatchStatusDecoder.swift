import TrackwireProtocol

/// Decodes the watch messages that carry readings but no location: `LK` link keep-alives with
/// steps and battery, health measurements and voice clips. Each becomes a position without a fix
/// of its own (valid false, the received time), as Traccar attaches them to the last location.
struct WatchStatusDecoder {
    let protocolName: String
    let receivedAtMs: Int64

    /// `LK,<steps>,<rolls>,<battery %>`; `nil` for a bare `LK`.
    func link(_ frame: WatchFrame) -> Position? {
        let values = Latin1.fields(frame.data, separator: UInt8(ascii: ","))
        guard values.count >= 3, let steps = TextNumber.int(values[0]), let battery = TextNumber.int(values[2]) else {
            return nil
        }
        var position = stub(frame)
        position.attributes["steps"] = .int(steps)
        position.attributes["batteryLevel"] = .int(battery)
        return position
    }

    /// `PULSE`/`HEART,<rate>`, `BLOOD`/`BPHRT,<high>,<low>[,<rate>]`, `TEMP,<°C>`,
    /// `btemp2,<valid>,<°C>`, `oxygen,<x>,<SpO2 %>` (type matched case-insensitively).
    func health(_ frame: WatchFrame) -> Position? {
        let values = Latin1.fields(frame.data, separator: UInt8(ascii: ","))
        guard !frame.data.isEmpty else { return nil }
        var position = stub(frame)
        switch frame.type.lowercased() {
        case "temp": position.set("temp1", TextNumber.decimal(values[0]).map(AttributeValue.double))
        case "btemp2":
            if values.count > 1, (TextNumber.int(values[0]) ?? 0) > 0 {
                position.set("temp1", TextNumber.decimal(values[1]).map(AttributeValue.double))
            }
        case "oxygen":
            if values.count > 1 { position.set("bloodOxygen", TextNumber.int(values[1]).map(AttributeValue.int)) }
        default: bloodAndHeart(frame.type.lowercased(), values, into: &position)
        }
        return position
    }

    /// `TK,<AMR audio>`: the clip, hex-encoded in `audio` (no media store here); `nil` when empty.
    func voice(_ frame: WatchFrame) -> Position? {
        guard frame.data.count > 1 else { return nil }
        var position = stub(frame)
        position.attributes["audio"] = .string(HexText.lowercase(frame.data))
        return position
    }

    private func bloodAndHeart(_ type: String, _ values: [String], into position: inout Position) {
        var index = 0
        if type == "bphrt" || type == "blood" {
            position.set("pressureHigh", values.first.flatMap(TextNumber.int).map(AttributeValue.int))
            position.set("pressureLow", values.count > 1 ? TextNumber.int(values[1]).map(AttributeValue.int) : nil)
            index = 2
        }
        if index < values.count { position.set("heartRate", TextNumber.int(values[index]).map(AttributeValue.int)) }
    }

    private func stub(_ frame: WatchFrame) -> Position {
        Position.stub(deviceId: frame.id, protocolName: protocolName, timeMs: receivedAtMs)
    }
}
