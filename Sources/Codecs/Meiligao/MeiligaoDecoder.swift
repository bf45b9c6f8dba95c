import TrackwireProtocol

/// Turns a Meiligao packet into positions by its command (docs/protocols/meiligao.md "Position
/// text"): reports, logged reports, alarms, RFID swipes, retransmitted batches and OBD data.
struct MeiligaoDecoder {
    let protocolName: String
    let deviceId: String
    let receivedAtMs: Int64

    func decode(_ frame: MeiligaoFrame) throws(DecodeError) -> Decoded {
        var r = frame.dataReader()
        switch frame.command {
        case MeiligaoCommand.login: return Decoded(kind: .login, deviceId: deviceId)
        case MeiligaoCommand.heartbeat: return Decoded(kind: .heartbeat, deviceId: deviceId)
        case let command where MeiligaoCommand.linkOnly.contains(command): return Decoded(kind: .other, deviceId: deviceId)
        case MeiligaoCommand.position, MeiligaoCommand.positionLogged, MeiligaoCommand.alarm:
            var attributes: [String: AttributeValue] = [:]
            if frame.command == MeiligaoCommand.alarm { Self.alarm(try r.u8(), into: &attributes) }
            if frame.command == MeiligaoCommand.positionLogged { try r.skip(6) }
            let position = try report(Self.text(&r), attributes)
            return .reporting([position], kind: position.attributes["alarm"] == nil ? .position : .alarm, deviceId: deviceId)
        case MeiligaoCommand.rfid: return .reporting([try MeiligaoRFID.decode(&r, base: base())], deviceId: deviceId)
        case MeiligaoCommand.retransmission: return .reporting(try retransmission(&r), deviceId: deviceId)
        case MeiligaoCommand.obdRealTime, MeiligaoCommand.obdRealTimeTotals, MeiligaoCommand.obdTroubleCodes:
            var position = base()
            position.attributes = try MeiligaoOBD.decode(frame.command, Self.text(&r))
            return .reporting([position], kind: .status, deviceId: deviceId)
        default:
            throw DecodeError("unsupported", "Meiligao command 0x\(HexText.lowercase(bigEndianBytes(frame.command)))")
        }
    }

    /// A position of this device at the reception time, not located.
    private func base() -> Position { Position.stub(deviceId: deviceId, protocolName: protocolName, timeMs: receivedAtMs) }

    private func report(_ text: String, _ attributes: [String: AttributeValue]) throws(DecodeError) -> Position {
        var position = base()
        var attributes = attributes
        guard MeiligaoSentence.read(text, into: &position, &attributes) else {
            throw DecodeError("malformed", "Meiligao report is no position sentence: \(text.prefix(40))")
        }
        position.attributes = attributes
        return position
    }

    /// A count, then per report an alarm byte and a sentence, the sentences separated by `\`;
    /// sentences that are no position are left out, as Traccar does.
    private func retransmission(_ r: inout ByteReader) throws(DecodeError) -> [Position] {
        let count = Int(try r.u8())
        var rest = try r.read(r.remaining)
        var positions: [Position] = []
        for _ in 0..<count where !rest.isEmpty {
            let sentence = rest.dropFirst().prefix { $0 != 0x5C }  // after the alarm byte
            if let position = try? report(Latin1.string(sentence), [:]) { positions.append(position) }
            rest = rest.dropFirst(sentence.count + 2)
        }
        return positions
    }

    /// The rest of the data as text (the sentence runs up to the CRC).
    static func text(_ r: inout ByteReader) throws(DecodeError) -> String { Latin1.string(try r.read(r.remaining)) }

    /// Traccar's alarm for the code; codes 02-05 set inputs 2-5, codes 32-35 clear them.
    static func alarm(_ code: UInt8, into attributes: inout [String: AttributeValue]) {
        let names: [UInt8: String] = [
            0x01: "sos", 0x10: "lowBattery", 0x11: "overspeed", 0x12: "movement", 0x13: "geofenceEnter", 0x14: "accident",
            0x50: "powerOff", 0x53: "gpsAntennaCut", 0x72: "hardBraking", 0x73: "hardAcceleration",
        ]
        if let alarm = names[code] { attributes["alarm"] = .string(alarm) }
        if (0x02...0x05).contains(code) { attributes["in\(code)"] = .int(1) }
        if (0x32...0x35).contains(code) { attributes["in\(code - 0x30)"] = .int(0) }
    }
}
