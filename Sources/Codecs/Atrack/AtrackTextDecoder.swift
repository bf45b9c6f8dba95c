import TrackwireProtocol

/// Text records, one a line after the header (docs/protocols/atrack.md "Record"): the binary
/// record's fields comma-separated, times as Unix seconds or `yyyyMMddHHmmss`, temperatures
/// unscaled, the odometer in 0.1 km with a fraction allowed; then, after a comma, optionally a
/// text message and custom data. A line that does not read so is skipped, as Traccar's pattern
/// skips it.
struct AtrackTextDecoder {
    let protocolName: String
    let deviceId: String
    let options: AtrackOptions

    func decode(_ header: AtrackTextHeader) -> [Position] {
        AtrackFrame.trimmed(header.text[header.recordsStart...]).split(separator: "\r\n").compactMap(record)
    }

    private func record(_ line: Substring) -> Position? {
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        guard f.count >= 17, f.count > 17 || f[16].isEmpty else { return nil }
        let numbers = [1, 2, 5, 6, 8, 9, 10, 11, 12, 14, 15].map { Self.isDigits(f[$0]) ? Int(f[$0]) : nil }
        guard numbers.allSatisfy({ $0 != nil }), let time = Self.time(f[0]), let longitude = TextNumber.int(f[3]), let latitude = TextNumber.int(f[4]),
              !f[3].hasPrefix("+"), !f[4].hasPrefix("+"), let odometer = TextNumber.decimal(f[7]), Self.isDigits(f[7].prefix { $0 != "." })
        else { return nil }
        let n = Dictionary(uniqueKeysWithValues: zip([1, 2, 5, 6, 8, 9, 10, 11, 12, 14, 15], numbers.map { $0! }))
        var position = Position.stub(deviceId: deviceId, protocolName: protocolName, timeMs: time)
        position.valid = true
        position.longitude = Double(longitude) * 1e-6
        position.latitude = Double(latitude) * 1e-6
        position.courseDeg = Double(n[5]!)
        position.hdop = Double(n[8]!) / 10
        position.speedKmh = Double(n[10]!)
        var attributes: [String: AttributeValue] = [
            "event": .int(n[6]!), "odometer": .double(odometer * 100), "input": .int(n[9]!), "output": .int(n[11]!),
            "adc1": .int(n[12]!), "temp1": .int(n[14]!), "temp2": .int(n[15]!),
        ]
        if !f[13].isEmpty { attributes["driverUniqueId"] = .string(String(f[13])) }
        if options.custom, f.count > 17 {
            AtrackTextCustomData.read(f[17...].joined(separator: ","), options: options, into: &position, &attributes)
        }
        position.attributes = attributes
        return position
    }

    static func isDigits(_ text: Substring) -> Bool { !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber } }

    /// `yyyyMMddHHmmss` (14 digits or more), else Unix seconds.
    static func time(_ field: Substring) -> Int64? {
        guard isDigits(field) else { return nil }
        guard field.count >= 14 else { return Int64(field).map { $0 * 1000 } }
        let digits = Array(field.utf8).map { Int($0 - 0x30) }
        func number(_ at: Int, _ count: Int) -> Int { digits[at..<at + count].reduce(0) { $0 * 10 + $1 } }
        return UTCTime.milliseconds(year: number(0, 4), month: number(4, 2), day: number(6, 2), hour: number(8, 2), minute: number(10, 2), second: number(12, 2))
    }
}
