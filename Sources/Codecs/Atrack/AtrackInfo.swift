import TrackwireProtocol

/// `$` lines (docs/protocols/atrack.md "Framing"): `$INFO=<unit id>,<model>,<firmware>,<imei>,
/// <imsi>,<iccid>,<power/10>,<battery/10>,<satellites>,<gsm>,<rssi>,<connection>,<antenna>…`
/// names the device and reports its state; any other line (`$OK`, `$ERROR=…`) answers a command.
enum AtrackInfo {
    /// The unit id an `$INFO` line names.
    static func unitId(_ line: String) -> String? { fields(line).map { String($0[0]) } }

    /// The device's state at the last known location (none here), or a command result.
    static func decode(_ line: String, deviceId: String?, protocolName: String, receivedAtMs: Int64) throws(DecodeError) -> Decoded {
        guard let fields = fields(line) else {
            guard !line.hasPrefix("$INFO"), let deviceId else {
                throw DecodeError(line.hasPrefix("$INFO") ? "malformed" : "unidentified", "ATrack \(line.prefix(20)) \(line.hasPrefix("$INFO") ? "does not read as device info" : "before the device is known")")
            }
            var position = Position.stub(deviceId: deviceId, protocolName: protocolName, timeMs: receivedAtMs)
            position.attributes = ["result": .string(line)]
            return Decoded(kind: .commandReply, deviceId: nil, positions: [position], events: [DeviceEvents.commandResult(.string(line), position: position)])
        }
        let unitId = String(fields[0])
        var position = Position.stub(deviceId: unitId, protocolName: protocolName, timeMs: receivedAtMs)
        guard let satellites = UInt32(fields[8]), let power = Double(fields[6]), let battery = Double(fields[7]), let rssi = Int(fields[10]) else {
            throw DecodeError("malformed", "ATrack $INFO with out-of-range numbers")
        }
        position.satellites = satellites
        position.attributes = [
            "model": .string(String(fields[1])), "versionFw": .string(String(fields[2])),
            "power": .double(power / 10), "battery": .double(battery / 10), "rssi": .int(rssi),
        ]
        return Decoded(kind: .status, deviceId: unitId, positions: [position])
    }

    /// The fields of an `$INFO` line that reads as Traccar's pattern, `nil` otherwise.
    private static func fields(_ line: String) -> [Substring]? {
        guard line.hasPrefix("$INFO=") else { return nil }
        let fields = line.dropFirst(6).split(separator: ",", omittingEmptySubsequences: false)
        let numeric = [0, 3, 4, 5, 6, 7, 8, 9, 10, 11]
        guard fields.count >= 13, !fields[1].isEmpty, !fields[2].isEmpty, numeric.allSatisfy({ AtrackTextDecoder.isDigits(fields[$0]) }),
              AtrackTextDecoder.isDigits(fields[12].prefix { $0.isASCII && $0.isNumber }) else { return nil }
        return fields
    }
}
