/// Variant-specific tails of 0x12 (GT06E card, Benway, VXT01, S5, WeTrust) and SEEWORLD 0x22.
enum GT06VariantTail {
    static func gpsLbs1(_ reader: inout ByteReader, into record: inout GT06Record, _ d: GT06Decoding) throws(DecodeError) {
        switch d.variant {
        case .gt06eCard:
            record["odometer"] = .int(try reader.u32())
            let card = try reader.string(Int(try reader.u8()))
            try reader.skip(2)  // alarm, swiped
            record["card"] = .string(trimmed(card))
        case .benway: try benway(&reader, into: &record)
        case .vxt01:
            try GT06Blocks.status(&reader, into: &record, variant: d.variant)
            record["power"] = .double(Double(try reader.u16()) / 100)
            record["rssi"] = .int(try reader.u8())
            try reader.skip(1)  // alarm extension
        case .s5: try s5(&reader, into: &record, d)
        case .wetrust:
            record["odometer"] = .int(try reader.u32())
            record["card"] = .string(try reader.string(Int(try reader.u8())))
            if try reader.u8() > 0 { record.addAlarm("general") }
            record["cardStatus"] = .int(try reader.u8())
            record["drivingTime"] = .int(try reader.u16())
        default: break
        }
    }

    private static func benway(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let mask = try reader.u16()
        record["ignition"] = .bool(mask & 0x8000 != 0)
        record["in2"] = .bool(mask & 0x4000 != 0)
        if mask & 0x1000 != 0 {
            let value = Int(mask & 0x01FF)
            record["temp1"] = .int(mask & 0x0200 != 0 ? -value : value)
        } else {
            let value = Int(mask & 0x03FF)
            record["adc1"] = mask & 0x2000 != 0 ? .int(value) : .double(Double(value) * 0.1)
        }
    }

    private static func s5(_ reader: inout ByteReader, into record: inout GT06Record, _ d: GT06Decoding) throws(DecodeError) {
        try GT06Blocks.status(&reader, into: &record, variant: d.variant)
        record["power"] = .double(Double(try reader.u16()) / 100)
        record["rssi"] = .int(try reader.u8())
        record.addAlarm(GT06Alarms.alarm(code: Int(try reader.u8()), model: d.model))
        record["oil"] = .int(try reader.u16())
        let temperature = try reader.u8()
        record["temp1"] = .int(temperature & 0x80 != 0 ? -Int(temperature & 0x7F) : Int(temperature))
        record["odometer"] = .int(Int64(try reader.u32()) * 10)
    }

    static func seeworld(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        record["ignition"] = .bool(try reader.u8() > 0)
        try reader.skip(2)  // reporting mode, supplementary transmission
        record["odometer"] = .int(try reader.u32())
        try reader.skip(4)  // travel time
        let raw = try reader.u16()
        let temperature = raw & 0x8000 != 0 ? -Int(raw & 0x7FFF) : Int(raw)
        record["temp1"] = .double(Double(temperature) * 0.01)
        record["humidity"] = .double(Double(try reader.u16()) * 0.01)
    }

    /// Text with surrounding spaces, control characters and NULs removed.
    static func trimmed(_ text: String) -> String {
        let isPadding: (Character) -> Bool = { $0.isWhitespace || $0 == "\0" }
        return String(text.drop(while: isPadding).reversed().drop(while: isPadding).reversed())
    }
}
