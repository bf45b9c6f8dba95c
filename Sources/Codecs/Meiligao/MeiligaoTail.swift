import TrackwireProtocol

/// The `|`-separated fields after a Meiligao position sentence, matched as Traccar's pattern does,
/// each group only when the one before it matched whole (docs/protocols/meiligao.md "Position text"):
/// `|hdop|altitude|state`, then `|adc1,adc2[,…adc8]`, then either
/// `|cell|rssi|odometer(hex)[|satellites[|driver]]` or `|odometer(decimal)[|rfid]`.
enum MeiligaoTail {
    static func read(_ fields: ArraySlice<Substring>, into position: inout Position, _ attributes: inout [String: AttributeValue]) {
        let f = Array(fields)
        guard f.count >= 3, f[0].isEmpty || MeiligaoText.isDecimal(f[0]), isAltitude(f[1]) else { return }
        if let hdop = TextNumber.decimal(f[0]) { position.hdop = hdop }
        if let altitude = TextNumber.decimal(f[1]) { position.altitudeM = altitude }
        let state = f[2].prefix(4)
        let hasState = MeiligaoText.isHex(state, count: 4...4)
        if hasState, let bits = Int(state, radix: 16) {
            for line in 1...5 {
                attributes["out\(line)"] = .bool(bits & (1 << (line - 1)) != 0)
                attributes["in\(line)"] = .bool(bits & (1 << (line + 7)) != 0)
            }
        }
        guard f.count >= 4, f[2].isEmpty || hasState && f[2].count == 4, let adcs = adcs(f[3]) else { return }
        for (index, adc) in adcs.values.enumerated() { attributes["adc\(index + 1)"] = .int(adc) }
        guard adcs.whole, f.count >= 5 else { return }
        if !cellGroup(f, into: &position, &attributes) { odometerGroup(f, into: &attributes) }
    }

    /// `(-?d+.?d*)?`.
    private static func isAltitude(_ text: Substring) -> Bool {
        MeiligaoText.isOptionalNumber(text.first == "-" ? text.dropFirst() : text) && text != "-"
    }

    /// `xxxx,xxxx` and up to six more `,xxxx`, as hex values; `whole` when nothing follows them.
    private static func adcs(_ text: Substring) -> (values: [Int], whole: Bool)? {
        var values: [Int] = []
        var rest = text
        while values.count < 8 {
            if !values.isEmpty {
                guard rest.first == "," else { break }
                rest = rest.dropFirst()
            }
            let digits = rest.prefix(4)
            guard MeiligaoText.isHex(digits, count: 4...4), let value = Int(digits, radix: 16) else { break }
            values.append(value)
            rest = rest.dropFirst(4)
        }
        return values.count >= 2 ? (values, rest.isEmpty) : nil
    }

    /// `|cell(16-20 hex)|rssi(2 hex)|odometer(8 hex)[|satellites(2 hex)[|driver…]]`.
    private static func cellGroup(_ f: [Substring], into position: inout Position, _ attributes: inout [String: AttributeValue]) -> Bool {
        guard f.count >= 7, MeiligaoText.isHex(f[4], count: 16...20), MeiligaoText.isHex(f[5], count: 2...2),
              MeiligaoText.isHex(f[6].prefix(8), count: 8...8) else { return false }
        attributes["rssi"] = .int(Int(f[5], radix: 16)!)
        attributes["odometer"] = .int(Int(f[6].prefix(8), radix: 16)!)
        guard f[6].count == 8, f.count >= 8, MeiligaoText.isHex(f[7].prefix(2), count: 2...2) else { return true }
        position.satellites = UInt32(f[7].prefix(2), radix: 16)!
        if f[7].count == 2, f.count >= 9 { attributes["driverLicense"] = .string(f[8...].joined(separator: "|")) }
        return true
    }

    /// `|odometer(1-9 digits)[|rfid(5+ hex)]`.
    private static func odometerGroup(_ f: [Substring], into attributes: inout [String: AttributeValue]) {
        let digits = f[4].prefix(9).prefix { $0.isASCII && $0.isNumber }
        guard let odometer = Int(digits) else { return }
        attributes["odometer"] = .int(odometer)
        guard digits.count == f[4].count, f.count >= 6 else { return }
        let rfid = f[5].prefix { $0.isHexDigit }
        if rfid.count >= 5 { attributes["driverUniqueId"] = .string(String(rfid)) }
    }
}
