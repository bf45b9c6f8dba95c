/// Located messages of particular devices: X1 (0x34), SR411 mini (0x24), iButton (0x61),
/// 0x38, AZ735 (extended 0x32/0x33) and the JC100/JC400 event frame (0x95).
enum GT06DeviceDecoders {
    /// X1 0x34: alarm word, GPS, terminal info, odometer, cell, driver id, voltages, ports, ADCs.
    static func x1(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try reader.skip(4)  // data and alarm
        try GT06Blocks.gps(&reader, into: &record)
        try reader.skip(2)  // terminal info
        record["odometer"] = .int(try reader.u32())
        try reader.skip(2 + 1 + 2 + 4)  // MCC, MNC, LAC, cell id
        let driver = try reader.u32()
        if driver > 0 { record["driverUniqueId"] = .string(String(driver)) }
        record["battery"] = .double(Double(try reader.u16()) / 100)
        record["power"] = .double(Double(try reader.u16()) / 100)
        let ports = try reader.u32()
        record["input"] = .int(try reader.u8())
        record["output"] = .int(try reader.u8())
        let adcCount = Int((ports >> 20) & 0x0F)
        for index in stride(from: 1, through: adcCount, by: 1) {
            record["adc\(index)"] = .double(Double(try reader.u16()) / 100)
        }
    }

    /// SR411 mini 0x24: GPS, LBS, ACC, external and battery voltage.
    static func sr411(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try GT06Blocks.gps(&reader, into: &record)
        try GT06Blocks.lbs(&reader, type: d.type, variant: d.variant, hasLength: false)
        record["ignition"] = .bool(try reader.u8() > 0)
        record["power"] = .double(Double(try reader.u16()) / 100)
        record["battery"] = .double(Double(try reader.u16()) / 100)
    }

    /// 0x61: IMEI, GPS, LBS, then a 6-byte iButton id written as a decimal number.
    static func iButton(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try reader.skip(8)  // IMEI
        try GT06Blocks.gps(&reader, into: &record)
        try GT06Blocks.lbs(&reader, type: d.type, variant: d.variant, hasLength: false)
        let id = UInt64(try reader.u32()) << 16 | UInt64(try reader.u16())
        record["driverUniqueId"] = .string(String(id))
    }

    /// 0x38: GPS, upload mode, re-upload flag, then a typed LBS block.
    static func gpsCell(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try GT06Blocks.gps(&reader, into: &record)
        try reader.skip(2)
        try GT06Blocks.lbs(&reader, type: d.type, variant: d.variant, hasLength: false)
    }

    /// AZ735 extended 0x32 (location) / 0x33 (alarm): length-prefixed GPS and LBS blocks, skipped
    /// extra cells and WiFi, a status byte (the alarm in 0x33) and a reserved extension.
    static func az735(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try GT06Blocks.gps(&reader, into: &record, shape: .init(hasLength: true))
        if try GT06Blocks.lbs(&reader, type: d.type, variant: d.variant, hasLength: true) {
            record["rssi"] = .int(try reader.u8())
        }
        try reader.skip(Int(try reader.u8()))  // additional cell towers
        try reader.skip(Int(try reader.u8()))  // WiFi access points
        let status = try reader.u8()
        record["status"] = .int(status)
        if d.type == 0x33 { az735Alarm(status, into: &record) }
        try reader.skip(Int(try reader.u8()))  // reserved extension
    }

    /// The AZ735 alarm frame's status byte: arming or an alarm.
    private static func az735Alarm(_ status: UInt8, into record: inout GT06Record) {
        switch status {
        case 0xA0: record["armed"] = .bool(true)
        case 0xA1: record["armed"] = .bool(false)
        case 0xA2, 0xA3: record.addAlarm("lowBattery")
        case 0xA4: record.addAlarm("general")
        case 0xA5: record.addAlarm("door")
        default: break
        }
    }

    /// 0x95 event frame: a date (short form) or a GPS block (long form; JC400 adds a marker,
    /// satellites, a 2-byte speed after the flags and the supply voltage), the event code, its
    /// data and any camera clip file names.
    static func event(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let jc400 = d.variant == .jc400
        let long = d.frame.declaredLength - 5 > 7
        if long {
            if jc400 { try reader.skip(3) }  // marker, version
            let shape = GT06Blocks.GpsShape(hasSatellites: jc400, hasSpeed: jc400, longSpeed: jc400, flagsBeforeSpeed: jc400)
            try GT06Blocks.gps(&reader, into: &record, shape: shape)
        } else {
            record.timeMs = try GT06Blocks.date(&reader)
        }
        if jc400 { record["power"] = .double(Double(try reader.u16()) / 10) }
        let event = try reader.u8()
        record["event"] = .int(event)
        record.addAlarm(GT06Alarms.eventAlarm(event, extended: long))
        if reader.gt06Payload >= 2 { record["eventData"] = .int(try reader.u16()) }
        if reader.gt06Payload > 0 { record["eventFiles"] = .string(try reader.string(reader.gt06Payload)) }
    }
}
