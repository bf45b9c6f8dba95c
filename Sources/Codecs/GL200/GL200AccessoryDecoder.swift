/// BAA (Bluetooth accessory alarm) and BID (Bluetooth accessory identified): an append mask says
/// which accessory values precede the position block. Returns `nil` when the report does not have
/// that shape (the generic parser then takes it).
enum GL200AccessoryDecoder {
    /// `name, index, type, model, alarm type, mask, up to 6 values, <position>, ...`.
    static func decodeAlarm(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(), f.count > 9, GL200Shape.hex(f[4], 1...Int.max), GL200Shape.digits(f[5], 1...1),
              GL200Shape.digits(f[6], 1...1), GL200Shape.hex(f[7], 1...Int.max), GL200Shape.hex(f[8], 4...4)
        else { return nil }
        return try decode(report, maskIndex: 8, maxValues: 6, keys: [
            (0, "accessoryName", .text), (1, "accessoryMac", .text), (2, "accessoryStatus", .integer),
            (3, "accessoryVoltage", .millivolts), (4, "accessoryTemp", .integer), (5, "accessoryHumidity", .integer),
        ])
    }

    /// `name, count, model, mask, up to 2 values, <position>, ...`.
    static func decodeIdentified(_ report: GL200Report) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        guard report.hasPatternHead(), f.count > 7, GL200Shape.digits(f[4], 1...1), GL200Shape.digits(f[5], 1...1),
              GL200Shape.hex(f[6], 4...4) else { return nil }
        return try decode(report, maskIndex: 6, maxValues: 2, keys: [(1, "accessoryMac", .text), (3, "accessoryVoltage", .millivolts)])
    }

    enum Kind { case text, integer, millivolts }

    /// The accessory values are the non-empty fields before the position block: as many as fit
    /// (up to `maxValues`) with a block still matching after them.
    private static func decode(_ report: GL200Report, maskIndex: Int, maxValues: Int, keys: [(Int, String, Kind)]) throws(DecodeError) -> [GL200Record]? {
        let f = report.fields
        let first = maskIndex + 1
        var available = 0
        while available < maxValues, first + available < f.count, !f[first + available].isEmpty { available += 1 }
        for count in stride(from: available, through: 0, by: -1) {
            guard let block = GL200LocationPattern.match(f, at: first + count), report.endsLoosely(after: block.end) else { continue }
            var record = GL200Record()
            var values = GL200Fields(Array(f[first..<(first + count)]))
            let mask = try GL200Number.hex(f[maskIndex])
            for (bit, key, kind) in keys where GL200Number.bit(mask, bit) {
                try set(key, kind, try values.next(), into: &record)
            }
            try block.decode(f, into: &record)
            record.deviceTimeMs = GL200Time.parse(report.sentence.sendTimeField)
            return [record]
        }
        return nil
    }

    private static func set(_ key: String, _ kind: Kind, _ value: Substring, into record: inout GL200Record) throws(DecodeError) {
        switch kind {
        case .text: record.set(key, string: value)
        case .integer: record.set(key, int: try GL200Number.int(value))
        case .millivolts: record.set(key, double: Double(try GL200Number.int(value)) / 1000)
        }
    }
}
