import TrackwireProtocol

/// Decodes TK103 messages (docs/protocols/tk103.md): position reports in both forms, the `BP00`
/// handshake and `BP05` login, battery (`ZC20`), cell (`BZ00`), LBS/Wi-Fi (`DW5x`), command
/// results (`ZC03`), VIN (`BV00`) and BMS (`BS50`/`BS51`) reports.
struct TK103Decoder {
    let protocolName: String
    let context: DecodeContext

    func decode(_ message: TK103Message) throws(DecodeError) -> Decoded {
        let id = message.id
        switch message.command {
        case "BP00": return Decoded(kind: .login, deviceId: id)
        case "ZC20", "BZ00", "BV00", "BS50", "BS51":
            return try status(TK103StatusReport.parse(message), message)
        case "ZC03":
            return try status(TK103StatusReport.commandResult(message), message, kind: .commandReply)
        case let command where command.hasPrefix("DW5") && message.isCommaForm:
            return try status(TK103StatusReport.lbs(message), message)
        default:
            return try report(message)
        }
    }

    /// A position report; for `BP05` without a fix (cells only) an unlocated login position.
    private func report(_ message: TK103Message) throws(DecodeError) -> Decoded {
        let isLogin = message.command == "BP05"
        guard let (start, fix) = TK103Fix.find(in: message.rest), let position = position(fix, message, dataEnd: start) else {
            guard isLogin else {
                throw DecodeError("unsupported", "TK103 \(message.command) without a readable fix")
            }
            return try status(TK103StatusReport.cells(message), message, kind: .login)
        }
        let kind: FrameKind = isLogin ? .login : position.attributes["alarm"] != nil ? .alarm : .position
        return TextProto.decoded(kind, deviceId: message.id, positions: [position])
    }

    private func position(_ fix: TK103Fix, _ message: TK103Message, dataEnd: Int) -> Position? {
        // The comma form sends ddMMyy, the fixed form yyMMdd.
        let (day, month, year) = message.isCommaForm ? fix.date : (fix.date.2, fix.date.1, fix.date.0)
        guard let timeMs = UTCTime.milliseconds(year: year, month: month, day: day, hour: fix.time.hour,
                                                minute: fix.time.minute, second: fix.time.second) else { return nil }
        var position = TextProto.position(deviceId: message.id, protocolName: protocolName, timeMs: timeMs)
        position.valid = fix.valid
        position.latitude = fix.latitude
        position.longitude = fix.longitude
        position.speedKmh = TK103Speed.kmh(fix.speed, unit: TK103Codec.speed.value(in: context.options)?.lowercased())
        position.courseDeg = fix.course ?? 0
        if let io = fix.io { io.apply(to: &position, decodeLow: TK103Codec.decodeLow.isOn(in: context.options)) }
        if let temperature = Self.temperature(message.rest) { position.attributes["temp1"] = .double(temperature) }
        TK103Alarms.apply(command: message.command, data: TextProto.text(message.rest[..<dataEnd]), to: &position)
        return position
    }

    private func status(_ report: TK103StatusReport?, _ message: TK103Message, kind: FrameKind = .status) throws(DecodeError) -> Decoded {
        let id = message.id
        guard let report else { throw DecodeError("unsupported", "TK103 \(message.command) that reads as no known report") }
        var position = TextProto.position(deviceId: id, protocolName: protocolName,
                                          timeMs: report.timeMs ?? context.receivedAtMs)
        position.attributes = report.attributes
        TK103Alarms.apply(command: report.command, data: "0", to: &position)
        let kind: FrameKind = position.attributes["alarm"] != nil ? .alarm : kind
        return TextProto.decoded(kind, deviceId: id, positions: [position])
    }

    /// A trailing `[+-]ddd.d` temperature.
    static func temperature(_ rest: [UInt8]) -> Double? {
        guard rest.count >= 6 else { return nil }
        let tail = TextProto.text(rest.suffix(6))
        guard let sign = tail.first, sign == "+" || sign == "-",
              TextProto.isPointDecimal(tail.dropFirst()), tail.dropFirst().prefix(while: { $0 != "." }).count == 3 else {
            return nil
        }
        return Double(tail)
    }
}

/// TK103 speed is km/h unless the listener option `speed` says `kn`, `mph` or `mps`.
enum TK103Speed {
    static func kmh(_ value: Double, unit: String?) -> Double {
        switch unit {
        case "kn": Speed.kmh(knots: value)
        case "mph": Speed.kmh(mph: value)
        case "mps": Speed.kmh(metersPerSecond: value)
        default: value
        }
    }
}

extension TK103IoBlock {
    /// Charge, ignition, the io masks (in2/panic/out2/blocked, hs3..hs1/door, ls3..ls1), fuel and
    /// odometer. Mask bits that are clear are only reported with the `decodeLow` option.
    func apply(to position: inout Position, decodeLow: Bool) {
        position.attributes["charge"] = .bool(charge == UInt8(ascii: "0"))
        position.attributes["ignition"] = .bool(ignition == UInt8(ascii: "1"))
        let bit = { (mask: Int, index: Int) in mask >> index & 1 }
        position.attributes["in2"] = .int(bit(masks[0], 0))
        position.attributes["panic"] = .int(bit(masks[0], 1))
        position.attributes["out2"] = .int(bit(masks[0], 2))
        var optional: [(String, Int)] = [("blocked", bit(masks[0], 3)), ("door", bit(masks[1], 3))]
        optional += (0..<3).map { ("hs\(3 - $0)", bit(masks[1], $0)) }
        optional += (1...3).map { ("ls\(3 - $0 + 1)", bit(masks[2], $0)) }
        for (key, value) in optional where decodeLow || value == 1 {
            position.attributes[key] = .int(value)
        }
        position.attributes["fuel"] = .int(fuel)
        position.attributes["odometer"] = .int(odometer)
    }
}
