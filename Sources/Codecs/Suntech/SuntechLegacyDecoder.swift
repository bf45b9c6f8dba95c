import TrackwireProtocol

/// Decodes the legacy reports of ST200/ST300/ST340/ST500/ST600 and SA200:
/// `<model prefix><TYPE>;<id>;[model;]<fw>;<date>;<time>;[cell;[mcc;mnc;lac;rssi;]]<lat>;<lon>;<speed>;
/// <course>;<sats>;<fix>;<odometer>;<power>;<io>;<type fields>[;hbm extras]`, and `CMD;Res` results.
struct SuntechLegacyDecoder {
    let protocolName: String
    let options: SuntechOptions

    /// `values[0]` is at least 5 characters: a 5-character model prefix, then the type.
    func decode(_ values: [String], context: DecodeContext) throws(DecodeError) -> Decoded {
        let model = String(values[0].prefix(5))
        let type = String(values[0].dropFirst(5))
        var fields = TextFieldReader(values, index: 1)
        if fields.peek() == "Res" {
            fields.skip()
            let id = try fields.next()
            return .commandResult(values[fields.index...].joined(separator: ";"), deviceId: id, timeMs: context.receivedAtMs)
        }
        let id = try fields.next()
        guard ["STT", "EMG", "EVT", "ALT", "UEX"].contains(type) else { throw DecodeError("unsupported", "Suntech legacy \(type) message") }
        var position = try report(&fields, model: model, type: type, id: id)
        if options.hbm > 0 { SuntechHbmExtras(options: options).read(&fields, into: &position) }
        let kind: FrameKind = position.attributes["alarm"] == nil ? .position : .alarm
        return .reporting([position], kind: kind, deviceId: id)
    }

    private func report(_ fields: inout TextFieldReader, model: String, type: String, id: String) throws(DecodeError) -> Position {
        if model.hasPrefix("ST3") || model == "ST500" || model == "ST600" { fields.skip() }  // model number
        let firmware = try fields.next()
        var position = Position.stub(deviceId: id, protocolName: protocolName, timeMs: try fields.suntechTime())
        position.attributes["type"] = .string(type)
        position.attributes["versionFw"] = .string(firmware)
        if model != "ST500" {
            _ = try fields.hex()  // cell id
            if model == "ST600" { fields.skip(4) }  // mcc, mnc, lac, rssi
        }
        try fields.suntechFix(into: &position)
        position.satellites = UInt32(clamping: try fields.int())
        position.valid = try fields.next() == "1"
        position.attributes["odometer"] = .int(try fields.int())
        position.attributes["power"] = .double(try fields.double())
        position.setSuntechIO(try fields.next())
        try typeFields(&fields, type: type, into: &position)
        return position
    }

    private func typeFields(_ fields: inout TextFieldReader, type: String, into position: inout Position) throws(DecodeError) {
        switch type {
        case "STT":
            position.attributes["status"] = .int(try fields.int())
            position.attributes["index"] = .int(try fields.int())
        case "EMG": position.setAlarm(SuntechAlarms.emergency(try fields.int()))
        case "EVT": position.attributes["event"] = .int(try fields.int())
        case "ALT": position.setAlarm(SuntechAlarms.alert(try fields.int()))
        default: try SuntechSerialData.read(&fields, into: &position)
        }
    }
}
