/// Reports without a GPS position: versions, Wi-Fi and cell scans, power on/off, serial data.
/// Their position carries attributes at the send time (Traccar reuses the last location). Each
/// returns `nil` when the report does not have its shape (the generic parser then takes it).
enum GL200NetworkDecoders {
    /// VER: `name, device type, firmware (4 hex), hardware (4 hex), send time, count`.
    static func decodeVersion(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(buffered: true), f.count == 9, GL200Shape.hex(f[5], 4...4),
              GL200Shape.hex(f[6], 4...4), let time = GL200Time.parse(f[7]), GL200Shape.hex(f[8], 4...4) else { return nil }
        var record = GL200Record()
        record.set("deviceType", string: f[4])
        record.set("versionFw", int: try GL200Number.hex(f[5]))
        record.set("versionHw", int: try GL200Number.hex(f[6]))
        record.deviceTimeMs = time
        return [record]
    }

    /// WIF: `name, count, (mac, rssi, 3 reserved) × n, 4 reserved, battery %, send time, count`.
    static func decodeWifi(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(), f.count > 5, GL200Shape.digits(f[4], 1...Int.max) else { return nil }
        var index = 5
        while index + 5 <= f.count, GL200Shape.hex(f[index], 12...12),
              GL200Shape.digits(f[index + 1].hasPrefix("-") ? f[index + 1].dropFirst() : f[index + 1], 1...Int.max),
              f[(index + 2)...(index + 4)].allSatisfy(\.isEmpty) {
            index += 5
        }
        guard index > 5, index + 5 <= f.count, f[index..<(index + 4)].allSatisfy(\.isEmpty),
              GL200Shape.digits(f[index + 4], 1...3), report.endsExactly(at: index + 5) else { return nil }
        var record = GL200Record()
        record.set("batteryLevel", int: try GL200Number.int(f[index + 4]))
        record.deviceTimeMs = report.capturedSendTime()
        return [record]
    }

    /// GSM: `fix type (STR/CTN/NMR/RTL), cells ..., send time, count`. The cells are not kept.
    static func decodeCells(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        guard report.hasPatternHead(), ["STR", "CTN", "NMR", "RTL"].contains(report.sentence[3]),
              report.endsLoosely(after: 4) else { return nil }
        var record = GL200Record()
        record.deviceTimeMs = GL200Time.parse(report.sentence.sendTimeField)
        return [record]
    }

    /// PNA/PFA: `name, send time, count`: power on or off.
    static func decodePower(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        guard report.hasPatternHead(), report.fields.count == 6, report.endsExactly(at: 4) else { return nil }
        var record = GL200Record()
        record.addAlarm(report.type == "PNA" ? "powerOn" : "powerOff")
        record.deviceTimeMs = report.capturedSendTime()
        return [record]
    }

    /// DTT: `name, "", "", data type, length, hex data, send time, count`. A fuel sensor's `COMB`
    /// line gives `fuel`; other data is kept as `result`.
    static func decodeTransparentData(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(), f.count == 11, f[4].isEmpty, f[5].isEmpty, GL200Shape.digits(f[6], 1...1),
              GL200Shape.digits(f[7], 1...Int.max), GL200Shape.hex(f[8], 1...Int.max), report.endsExactly(at: 9)
        else { return nil }
        guard let bytes = hexBytes(f[8]) else { throw DecodeError("malformed", "odd-length hex data") }
        let data = GL200Sentence.ascii(bytes[...])
        var record = GL200Record()
        if data.contains("COMB") {
            let parts = data.split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count > 2 else { throw DecodeError("malformed", "COMB line without fuel") }
            record.set("fuel", double: try GL200Number.double(parts[2]))
        } else {
            record.set("result", string: Substring(data))
        }
        record.deviceTimeMs = report.capturedSendTime()
        return [record]
    }

    /// LBS: `name, trigger, report type, battery %, 5 reserved, 7 × (cell, reserved), send time, count`.
    static func decodeCellReport(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        var f = report.cursor(at: 6)
        var record = GL200Record()
        record.set("batteryLevel", int: try GL200Number.int(f.next()))
        f.skip(5) // reserved, motion status, reserved, reserved, component mask
        for _ in 0...6 {
            _ = try f.peek(1) // each cell is 5 fields and a reserved one; not kept
            f.skip(6)
        }
        record.deviceTimeMs = try report.requiredSendTime()
        return [record]
    }

    private static func hexBytes(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        return stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(String(decoding: digits[$0...$0 + 1], as: UTF8.self), radix: 16) }
    }
}
