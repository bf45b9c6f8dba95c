import TrackwireProtocol

/// Turns H02 text sentences into positions: GPS reports (`V1` and the other `V…` types),
/// device responses (`V4`), heartbeats, LBS/status reports and free-text SMS replies.
struct H02TextDecoder {
    let protocolName: String
    let context: DecodeContext

    /// Decodes one sentence; `deviceId` is the id it carries or the session's.
    func decode(_ sentence: H02Sentence, deviceId: String) throws(DecodeError) -> Decoded {
        switch sentence.type {
        case "V0", "HTBT": return heartbeat(sentence, deviceId)
        case "NBR": return try status(H02CellReport.nbr(sentence), deviceId)
        case "LINK": return try status(H02CellReport.link(sentence), deviceId)
        case "V3": return try status(H02CellReport.v3(sentence), deviceId)
        case "VP1": return try vp1(sentence, deviceId)
        case "SMS": return reply(String(sentence.body), deviceId)
        case "V4": return try response(sentence, deviceId)
        default:
            guard sentence.type.hasPrefix("V") else { throw DecodeError("unsupported", "H02 \(sentence.type) message") }
            guard let fix = H02Fix(sentence.fields[...]) else { return TextProto.decoded(.other, deviceId: deviceId) }
            return TextProto.decoded(.position, deviceId: deviceId, positions: [try position(fix, deviceId)])
        }
    }

    /// `V4,<response...>,<fix>`: the response is everything before the last place a fix fits.
    private func response(_ sentence: H02Sentence, _ deviceId: String) throws(DecodeError) -> Decoded {
        let fields = sentence.fields
        for start in stride(from: fields.count - 9, through: 1, by: -1) {
            guard let fix = H02Fix(fields[start...]) else { continue }
            var position = try position(fix, deviceId)
            position.attributes["result"] = .string(fields[..<start].joined(separator: ","))
            return TextProto.decoded(.commandReply, deviceId: deviceId, positions: [position])
        }
        return TextProto.decoded(.other, deviceId: deviceId)
    }

    private func position(_ fix: H02Fix, _ deviceId: String) throws(DecodeError) -> Position {
        var position = TextProto.position(deviceId: deviceId, protocolName: protocolName, timeMs: try time(fix))
        position.valid = fix.valid
        position.latitude = fix.latitude
        position.longitude = fix.longitude
        position.speedKmh = Speed.kmh(knots: fix.speedKnots)
        position.courseDeg = fix.course
        let tail = fix.tail
        if let status = tail.status { H02Status.apply(status, to: &position) }
        if let odometer = tail.odometer { position.attributes["odometer"] = .int(odometer) }
        if let temperature = tail.temperature { position.attributes["temp1"] = .int(temperature) }
        if let fuel = tail.fuel { position.attributes["fuel"] = .double(fuel) }
        if let altitude = tail.altitude { position.altitudeM = Double(altitude) }
        for (index, value) in tail.io.enumerated() { position.attributes["io\(index + 1)"] = .string(String(value)) }
        return position
    }

    /// The fix time: date and time of day when both are sent, else the time of day nearest the
    /// receive time, else the receive time.
    private func time(_ fix: H02Fix) throws(DecodeError) -> Int64 {
        let (hour, minute, second) = fix.time ?? (0, 0, 0)
        if let date = fix.date {
            guard let ms = UTCTime.milliseconds(year: date.year, month: date.month, day: date.day,
                                                hour: hour, minute: minute, second: second) else {
                throw DecodeError("bad_time", "H02 date \(date) \(hour):\(minute):\(second) is not a time")
            }
            return ms
        }
        guard fix.time != nil else { return context.receivedAtMs }
        guard hour < 24, minute < 60, second < 60 else { throw DecodeError("bad_time", "H02 time of day out of range") }
        return UTCTime.nearest(hour: hour, minute: minute, second: second, to: context.receivedAtMs)
    }

    private func heartbeat(_ sentence: H02Sentence, _ deviceId: String) -> Decoded {
        guard let battery = sentence.fields.first, TextProto.isDigits(battery), let level = Int64(battery) else {
            return TextProto.decoded(.heartbeat, deviceId: deviceId)
        }
        var position = TextProto.position(deviceId: deviceId, protocolName: protocolName, timeMs: context.receivedAtMs)
        position.attributes["batteryLevel"] = .int(level)
        return TextProto.decoded(.heartbeat, deviceId: deviceId, positions: [position])
    }

    private func status(_ report: H02CellReport?, _ deviceId: String) throws(DecodeError) -> Decoded {
        guard let report else { return TextProto.decoded(.other, deviceId: deviceId) }
        guard let timeMs = report.timeMs else { throw DecodeError("bad_time", "H02 report date is not a time") }
        var position = TextProto.position(deviceId: deviceId, protocolName: protocolName, timeMs: timeMs)
        report.apply(to: &position)
        return TextProto.decoded(.status, deviceId: deviceId, positions: [position])
    }

    private func vp1(_ sentence: H02Sentence, _ deviceId: String) throws(DecodeError) -> Decoded {
        if let cells = H02CellReport.vp1Cells(sentence) {
            var report = cells
            report.timeMs = context.receivedAtMs
            return try status(report, deviceId)
        }
        let f = sentence.fields
        guard f.count >= 8, f[0] == "A" || f[0] == "B",
              let latitude = TextProto.nmeaDegrees(f[1], hemisphere: f[2], allowed: "NS"),
              let longitude = TextProto.nmeaDegrees(f[3], hemisphere: f[4], allowed: "EW"),
              TextProto.isPointDecimal(f[5]), TextProto.isPointDecimal(f[6]) else {
            return TextProto.decoded(.other, deviceId: deviceId)
        }
        guard let timeMs = TextProto.milliseconds(dayMonthYear: f[7].prefix(6), time: nil) else {
            throw DecodeError("bad_time", "H02 VP1 date is not a date")
        }
        var position = TextProto.position(deviceId: deviceId, protocolName: protocolName, timeMs: timeMs)
        position.valid = true
        position.latitude = latitude
        position.longitude = longitude
        position.speedKmh = Speed.kmh(knots: Double(f[5]) ?? 0)
        position.courseDeg = Double(f[6]) ?? 0
        return TextProto.decoded(.position, deviceId: deviceId, positions: [position])
    }

    /// Free text from the device (`SMS`), stored as a command result.
    private func reply(_ text: String, _ deviceId: String) -> Decoded {
        var position = TextProto.position(deviceId: deviceId, protocolName: protocolName, timeMs: context.receivedAtMs)
        position.attributes["result"] = .string(text)
        return TextProto.decoded(.commandReply, deviceId: deviceId, positions: [position])
    }
}
