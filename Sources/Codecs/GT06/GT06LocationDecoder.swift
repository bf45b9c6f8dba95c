/// The generic GPS + LBS + status family (0x10-0x12, 0x16, 0x19, 0x22, 0x26, 0x27, 0xA0, 0xA4, ...):
/// the blocks the layout says are there, then the type- and variant-specific tail.
enum GT06LocationDecoder {
    static func decode(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let layout = GT06Layout(type: d.type, variant: d.variant, model: d.model)
        if d.type == 0x12 && d.model.isQH302R { try reader.skip(8) }
        if d.isNTLocation {
            try reader.skip(1 + 8)  // location source type, IMEI
            record.deviceTimeMs = try GT06Blocks.date(&reader)
        }
        if layout.hasGps { try GT06Blocks.gps(&reader, into: &record) }
        if layout.hasLbs && reader.remaining > 6 {
            try GT06Blocks.lbs(&reader, type: d.type, variant: d.variant, hasLength: lbsHasLength(d, layout))
        }
        if layout.hasStatus { try GT06StatusBlock.decode(&reader, into: &record, d) }
        try GT06LocationTail.decode(&reader, into: &record, d)
    }

    /// Status-bearing messages put a length byte before the LBS block, with these exceptions.
    private static func lbsHasLength(_ d: GT06Decoding, _ layout: GT06Layout) -> Bool {
        layout.hasStatus && ![0x19, 0xA5, 0x39, 0xA2].contains(d.type) && !(d.type == 0x16 && d.variant == .vxt01)
    }
}

/// The status block after the GPS/LBS blocks: terminal byte, then voltage, GSM signal and the alarm
/// byte, read differently per model and variant.
enum GT06StatusBlock {
    static func decode(_ reader: inout ByteReader, into record: inout GT06Record, _ d: GT06Decoding) throws(DecodeError) {
        if d.type == 0xA2 { try reader.skip(1) }  // network indicator
        try GT06Blocks.status(&reader, into: &record, variant: d.variant)
        if d.variant == .obd6 {
            try obd6(&reader, into: &record, d)
            return
        }
        try voltage(&reader, into: &record, d)
        record["rssi"] = .int(try reader.u8())
        if d.type == 0x13 && d.model.isLW {
            record["power"] = .double(Double(try reader.u16() & 0x0FFF) / 10)
        } else {
            try alarmByte(&reader, into: &record, d)
        }
    }

    private static func voltage(_ reader: inout ByteReader, into record: inout GT06Record, _ d: GT06Decoding) throws(DecodeError) {
        if d.type == 0xA2 || d.isNTLocation { record["power"] = .double(Double(try reader.u16()) / 100) }
        if d.type == 0x13 && d.model.isR11 {
            record["power"] = .double(Double(try reader.u16()) / 100)
            return
        }
        let battery = try reader.u8()
        if d.isNTLocation {
            record["battery"] = .double(Double(battery) / 10)
        } else if battery <= 6 {
            record["batteryLevel"] = .int(Int(battery) * 100 / 6)
        } else if battery <= 100 {
            record["batteryLevel"] = .int(battery)
        }
    }

    /// The alarm byte; for 0x27/0xA4/0x39 the high nibble of the language byte extends it.
    private static func alarmByte(_ reader: inout ByteReader, into record: inout GT06Record, _ d: GT06Decoding) throws(DecodeError) {
        var code = Int(try reader.u8())
        if [0x27, 0xA4, 0x39].contains(d.type) { code += Int((reader.peek() ?? 0) >> 4) << 8 }
        if d.type == 0x13 && d.model.isSeeworld {
            record["power"] = .double(Double(code))
        } else if d.variant != .vxt01 {
            record.addAlarm(GT06Alarms.alarm(code: code, model: d.model))
            // VL models report codes Traccar has no alarm for (e.g. RFID swipes) as events.
            if d.model.isVL && code != 0 { record["event"] = .int(code) }
        }
    }

    /// OBD6 heartbeats: satellites and signal in one word, then alarm, battery, mode and power.
    private static func obd6(_ reader: inout ByteReader, into record: inout GT06Record, _ d: GT06Decoding) throws(DecodeError) {
        let signal = try reader.u16()
        record.position.satellites = UInt32((signal >> 10) & 0x1F) + UInt32((signal >> 5) & 0x1F)
        record["rssi"] = .int(signal & 0x1F)
        record.addAlarm(GT06Alarms.alarm(code: Int(try reader.u8()), model: d.model))
        try reader.skip(1)  // language
        record["batteryLevel"] = .int(try reader.u8())
        let mode = try reader.u8()
        record["power"] = .double(Double(try reader.u16()) / 100)
        try reader.skip(1 + 2)  // reserved, working time
        if mode == 4 { record["temp1"] = .double(Double(try reader.i16()) / 10) }
    }
}
