import TrackwireProtocol

/// Battery-management reports relayed by TK103 devices. Traccar's snapshot decodes them but its
/// layout is not in docs/protocols/tk103.md; these readings are taken from the captured frames:
/// * `BS50<hex>`: byte 1 state of charge, byte 3 cell count, then 24 little-endian cell voltages
///   (mV) from byte 4, battery temperatures at bytes 75 and 76 (°C + 40).
/// * `BS51<id>:<hex>,…`: Daly BMS records; 0x90 pack voltage (0.1 V), current (0.1 A, offset
///   30000) and state of charge (0.1 %); 0x94 cell and sensor counts; 0x95 cell-voltage frames
///   (frame no, three mV values); 0x96 temperature frames (frame no, seven °C + 40 values).
enum TK103BmsReport {
    static func parse(_ message: TK103Message) -> TK103StatusReport? {
        var report = TK103StatusReport(command: message.command)
        switch message.command {
        case "BS50": guard readJk(bytes(message.restText[...]), into: &report.attributes) else { return nil }
        case "BS51": guard readDaly(message.fields, into: &report.attributes) else { return nil }
        default: return nil
        }
        return report
    }

    private static func readJk(_ data: [UInt8]?, into attributes: inout [String: AttributeValue]) -> Bool {
        guard let data, data.count >= 77 else { return false }
        attributes["batteryLevel"] = .int(data[1])
        for cell in 0..<min(Int(data[3]), 24) {
            let millivolts = Int(data[4 + cell * 2]) | Int(data[5 + cell * 2]) << 8
            attributes["batteryCell\(cell + 1)"] = .double(Double(millivolts) / 1000)
        }
        attributes["batteryTemp1"] = .int(Int(data[75]) - 40)
        attributes["batteryTemp2"] = .int(Int(data[76]) - 40)
        return true
    }

    private static func readDaly(_ records: [Substring], into attributes: inout [String: AttributeValue]) -> Bool {
        var cells = 0, sensors = 0
        for record in records {
            let parts = record.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let data = bytes(parts[1]) else { return false }
            switch parts[0] {
            case "90" where data.count >= 8:
                attributes["batteryVoltage"] = .double(Double(word(data, 0)) / 10)
                attributes["batteryCurrent"] = .double(Double(word(data, 4) - 30_000) / 10)
                attributes["batteryLevel"] = .int(Int64((Double(word(data, 6)) / 10).rounded()))
            case "94" where data.count >= 2:
                (cells, sensors) = (Int(data[0]), Int(data[1]))
            case "95":
                frames(data, size: 8, values: 3, width: 2) { index, value in
                    if index <= cells { attributes["batteryCell\(index)"] = .double(Double(value) / 1000) }
                }
            case "96":
                frames(data, size: 8, values: 7, width: 1) { index, value in
                    if index <= sensors { attributes["batteryTemp\(index)"] = .int(value - 40) }
                }
            default: continue
            }
        }
        return !attributes.isEmpty
    }

    /// Walks `[frame no, values…]` frames, numbering values from 1 across frames.
    private static func frames(_ data: [UInt8], size: Int, values: Int, width: Int, _ body: (Int, Int) -> Void) {
        for start in stride(from: 0, to: data.count - size + 1, by: size) where data[start] > 0 {
            for slot in 0..<values {
                let offset = start + 1 + slot * width
                body((Int(data[start]) - 1) * values + slot + 1, width == 2 ? word(data, offset) : Int(data[offset]))
            }
        }
    }

    private static func word(_ data: [UInt8], _ offset: Int) -> Int { Int(data[offset]) << 8 | Int(data[offset + 1]) }

    private static func bytes(_ hex: Substring) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0, digits.allSatisfy(TextProto.isHexDigit) else { return nil }
        return stride(from: 0, to: digits.count, by: 2).compactMap { UInt8(TextProto.text(digits[$0...$0 + 1]), radix: 16) }
    }
}
