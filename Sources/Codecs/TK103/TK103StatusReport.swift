import TrackwireProtocol

/// A TK103 report without a GPS fix: its command word, time (if sent) and attributes.
struct TK103StatusReport {
    let command: String
    var timeMs: Int64?
    var attributes: [String: AttributeValue] = [:]

    /// `ZC20` battery, `BZ00` cell, `BV00` VIN and `BS50`/`BS51` BMS reports.
    static func parse(_ message: TK103Message) -> TK103StatusReport? {
        switch message.command {
        case "ZC20": battery(message)
        case "BZ00": network(message)
        case "BV00": vin(message)
        default: TK103BmsReport.parse(message)
        }
    }

    /// `ZC20,ddMMyy,hhmmss,<level 2–6>,<battery cV>,<power dV>,<installed>`; 255/65535 = no value.
    static func battery(_ message: TK103Message) -> TK103StatusReport? {
        let f = message.fields
        guard f.count >= 6, (2...5).allSatisfy({ TextProto.isDigits(f[$0]) }),
              let level = Int(f[2]), let battery = Int(f[3]), let power = Int(f[4]) else { return nil }
        var report = TK103StatusReport(command: message.command, timeMs: TextProto.milliseconds(dayMonthYear: f[0], time: f[1]))
        let levels = [6: 100, 5: 80, 4: 50, 3: 20, 2: 10]
        report.attributes["batteryLevel"] = levels[level].map { .int($0) }
        if battery != 65535 { report.attributes["battery"] = .double(Double(battery) * 0.01) }
        if power != 65535 { report.attributes["power"] = .double(Double(power) * 0.1) }
        return report
    }

    /// `BZ00,<mcc>,<mnc>,<lac hex>,<cid hex>,...`: the serving cell.
    static func network(_ message: TK103Message) -> TK103StatusReport? {
        let f = message.fields
        guard f.count >= 5, f[0].isEmpty, TextProto.isDigits(f[1]), TextProto.isDigits(f[2]),
              let lac = TextProto.hexInt(f[3]), let cid = TextProto.hexInt(f[4]) else { return nil }
        var report = TK103StatusReport(command: message.command)
        report.setCell(mcc: Int64(f[1]), mnc: Int64(f[2]), lac: lac, cid: cid)
        return report
    }

    /// `BV00<VIN 17>`.
    static func vin(_ message: TK103Message) -> TK103StatusReport? {
        guard message.rest.count == 17 else { return nil }
        var report = TK103StatusReport(command: message.command)
        report.attributes["vin"] = .string(message.restText)
        return report
    }

    /// `ZC03,ddMMyy,hhmmss,$<text>$`: a command result.
    static func commandResult(_ message: TK103Message) -> TK103StatusReport? {
        let f = message.fields
        guard f.count >= 3, let time = TextProto.milliseconds(dayMonthYear: f[0], time: f[1]),
              let dollar = message.restText.firstIndex(of: "$") else { return nil }
        let text = message.restText[message.restText.index(after: dollar)...].prefix { $0 != "$" }
        var report = TK103StatusReport(command: message.command, timeMs: time)
        report.attributes["result"] = .string(String(text))
        return report
    }

    /// `DW5x,<mcc>,<mnc>,<lac>,<cid>,<n>,<mac*rssi*ch>…,ddMMyy,hhmmss`: LBS and Wi-Fi.
    static func lbs(_ message: TK103Message) -> TK103StatusReport? {
        let f = message.fields
        guard f.count >= 7, (0...4).allSatisfy({ TextProto.isDigits(f[$0]) }) else { return nil }
        var report = TK103StatusReport(command: message.command,
                                       timeMs: TextProto.milliseconds(dayMonthYear: f[f.count - 2], time: f[f.count - 1]))
        guard report.timeMs != nil else { return nil }
        report.setCell(mcc: Int64(f[0]), mnc: Int64(f[1]), lac: Int64(f[2]), cid: Int64(f[3]))
        return report
    }

    /// `BP05<IMEI>,{mcc,mnc,lac,cid}…`: a login without GPS; the first cell is kept.
    static func cells(_ message: TK103Message) -> TK103StatusReport? {
        let text = message.restText
        guard let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") else { return nil }
        let values = text[text.index(after: open)..<close].split(separator: ",").map { Int64($0) }
        guard values.count == 4 else { return nil }
        var report = TK103StatusReport(command: message.command)
        report.setCell(mcc: values[0], mnc: values[1], lac: values[2], cid: values[3])
        return report
    }

    private mutating func setCell(mcc: Int64?, mnc: Int64?, lac: Int64?, cid: Int64?) {
        for (key, value) in [("mcc", mcc), ("mnc", mnc), ("lac", lac), ("cid", cid)] {
            attributes[key] = value.map { .int($0) }
        }
    }
}
