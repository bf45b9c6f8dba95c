import TrackwireProtocol

/// Decodes text reports: picks the decoder for the report type, falls back to the generic parser
/// when a layout does not fit (as Traccar does), and normalises the result.
enum GL200TextDecoder {
    /// The decoder for report types with their own layout; `nil` for the rest, which the generic
    /// parser takes (`GL200BasicDecoder`), as it takes reports whose layout does not fit.
    static func decodeSpecific(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        switch report.type {
        case "FRI", "GEO", "RTL", "DOG", "STR", "CTN": try GL200FriDecoder.decode(report)
        case "ERI": try GL200EriDecoder.decode(report)
        case "IGN", "IGF", "VGN", "VGF": try GL200IgnitionDecoder.decode(report)
        case "INF": try GL200InfoDecoder.decode(report)
        case "CAN": try GL200CanDecoder.decode(report)
        case "OBD": try GL200ObdDecoder.decode(report)
        case "LSW", "TSW": try GL200PatternDecoders.decodeSwitch(report)
        case "IDA": try GL200PatternDecoders.decodeDriverId(report)
        case "DAR": try GL200PatternDecoders.decodeFatigue(report)
        case "LSA": try GL200PatternDecoders.decodeLightSensor(report)
        case "BAA": try GL200AccessoryDecoder.decodeAlarm(report)
        case "BID": try GL200AccessoryDecoder.decodeIdentified(report)
        case "VER": try GL200NetworkDecoders.decodeVersion(report)
        case "WIF": try GL200NetworkDecoders.decodeWifi(report)
        case "GSM": try GL200NetworkDecoders.decodeCells(report)
        case "PNA", "PFA": try GL200NetworkDecoders.decodePower(report)
        case "DTT": try GL200NetworkDecoders.decodeTransparentData(report)
        case "LBS": try GL200NetworkDecoders.decodeCellReport(report)
        case "DAT": try GL200DataDecoder.decode(report)
        default: nil
        }
    }

    /// The type's own layout first; the generic parser when that layout does not fit or its fields
    /// do not parse (Traccar gives up on the latter). An error only when neither reads the report.
    private static func records(_ report: GL200Report) throws(DecodeError) -> [GL200Record] {
        var failure: DecodeError?
        do {
            if let records = try decodeSpecific(report) { return records }
        } catch {
            failure = error
        }
        if let record = GL200BasicDecoder.decode(report) { return [record] }
        if let failure { throw failure }
        return []
    }

    /// Report types that describe the device rather than a journey.
    static let statusTypes: Set<String> = ["INF", "VER"]

    static func decode(_ bytes: [UInt8], context: DecodeContext) throws(DecodeError) -> Decoded {
        guard let sentence = GL200Sentence(bytes) else { throw DecodeError("malformed", "not a GL200 report (+RESP:, +BUFF: or +ACK:)") }
        guard let deviceId = sentence.imei ?? context.deviceId else {
            throw DecodeError("unidentified", "GL200 report without an IMEI")
        }
        let output = GL200Output(deviceId: deviceId, context: context)
        if sentence.isAck { return try GL200AckDecoder.decode(sentence, output: output) }
        let report = GL200Report(sentence: sentence, model: GL200Models.model(version: sentence.version, options: context.options))
        let records = try records(report)
        guard !records.isEmpty else { throw DecodeError("unsupported", "GL200 \(sentence.type) report with no record this decoder reads") }
        let kind: FrameKind = statusTypes.contains(sentence.type) ? .status : .position
        return output.decoded(records, kind: kind, type: sentence.type)
    }
}

/// `+ACK:` lines: the heartbeat (`GTHBD`, answered by `examine`) and command acknowledgements,
/// whose header (`+ACK:GTRTO`) is the command result, timed by the send time.
enum GL200AckDecoder {
    static func decode(_ sentence: GL200Sentence, output: GL200Output) throws(DecodeError) -> Decoded {
        guard sentence.fields.count > 2 else { throw DecodeError("truncated", "acknowledgement without an IMEI") }
        if sentence.fields[0] == "+ACK:GTHBD" {
            return Decoded(kind: .heartbeat, deviceId: output.deviceId)
        }
        var record = GL200Record()
        record.deviceTimeMs = try GL200Time.required(sentence.sendTimeField)
        let result = String(sentence.fields[0])
        record.set("result", string: sentence.fields[0])
        return output.commandReply(record, result: result)
    }
}
