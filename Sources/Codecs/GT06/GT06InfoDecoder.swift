/// Extended 0x94 information transfer: the first content byte says what follows (docs/protocols/gt06.md
/// "Other frequent message types"). Unknown subtypes decode to nothing.
enum GT06InfoDecoder {
    static func decode(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        switch try reader.u8() {
        case 0x00: record["adc1"] = .double(Double(try reader.u16()) / 100)
        case 0x04: statusSync(try reader.string(max(0, reader.remaining - 6)), into: &record)
        case 0x05: try door(&reader, into: &record)
        case 0x0A:
            try reader.skip(8 + 8)  // IMEI, IMSI
            let iccid = GT06Blocks.hex(try reader.read(10))
            record["iccid"] = .string(String(iccid.reversed().drop(while: { $0 == "f" }).reversed()))
        case 0x0B: try network(&reader, into: &record, contentLength: d.frame.declaredLength - 6)
        case 0x0D: try fuel(&reader, into: &record)
        case 0x1B: try serial(&reader, into: &record)
        case 0x1E:
            record["temp1"] = .double(Double(try reader.i32()) / 10)
            record["humidity"] = .double(Double(try reader.i32()) / 10)
        default: break
        }
    }

    /// `ALM1=..;ALM2=..;ALM3=..;STA1=..;DYD=..;` with hex values.
    private static func statusSync(_ text: String, into record: inout GT06Record) {
        for item in text.split(separator: ";") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, let value = Int64(pair[1], radix: 16) else { continue }
            switch pair[0] {
            case "ALM1", "ALM2", "ALM3", "ALM4": record["alarm\(pair[0].dropFirst(3))Status"] = .int(value)
            case "STA1": record["otherStatus"] = .int(value)
            case "DYD": record["engineStatus"] = .int(value)
            default: break
            }
        }
    }

    private static func door(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        if reader.remaining >= 6 + 1 + 6 { record.deviceTimeMs = try GT06Blocks.date(&reader) }
        let flags = try reader.u8()
        record["door"] = .bool(flags & 0x01 != 0)
        record["io1"] = .bool(flags & 0x04 != 0)
    }

    /// One byte: 4G (non-zero) or 2G; two bytes: external voltage.
    private static func network(_ reader: inout ByteReader, into record: inout GT06Record, contentLength: Int) throws(DecodeError) {
        if contentLength == 1 {
            record["networkTechnology"] = .string(try reader.i8() > 0 ? "4G" : "2G")
        } else if contentLength == 2 {
            record["power"] = .double(Double(try reader.u16()) / 100)
        }
    }

    /// `!AIOIL,<addr>,<output>,<temperature>,<version>,<codes>,<measured>,<moving>,<times>,<xx>`,
    /// optionally after a 6-byte date.
    private static func fuel(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        if reader.peek() != UInt8(ascii: "!") { try reader.skip(6) }
        let text = try reader.string(max(0, reader.remaining - 6))
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        guard fields.count >= 10, fields[0] == "!AIOIL",
              let temperature = Double(fields[3]), let level = Double(fields[6]) else { return }
        record["temp1"] = .double(temperature)
        record["fuel"] = .double(level)
    }

    /// Serial passthrough: printable text (starting with a letter) or a framed 4-byte RFID.
    private static func serial(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        if let first = reader.peek(), (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first) {
            record["serial"] = .string(GT06VariantTail.trimmed(try reader.string(max(0, reader.remaining - 6))))
        } else {
            try reader.skip(2)  // header, type
            record["driverUniqueId"] = .string(GT06Blocks.hex(try reader.read(4)))
        }
    }
}
