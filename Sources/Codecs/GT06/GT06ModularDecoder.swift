/// TLV messages: 0x70 "modular" (2-byte type, 2-byte length) and the 0xF1 device status / 0xF2
/// peripheral reports (a unix time, then 2-byte status ids).
enum GT06ModularDecoder {
    static func modular(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        while reader.gt06Payload > 0 {
            let type = try reader.u16()
            let length = Int(try reader.u16())
            try module(type, length: length, &reader, into: &record)
        }
    }

    private static func module(_ type: UInt16, length: Int, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        switch type {
        case 0x03: record["iccid"] = .string(GT06Blocks.hex(try reader.read(10)))
        case 0x09: record.position.satellites = UInt32(try reader.u8())
        case 0x0A: record["satVisible"] = .int(try reader.u8())
        case 0x11: try reader.skip(2 + 2 + 2 + 3 + 1)  // cell tower
        case 0x18: record["battery"] = .double(Double(try reader.u16()) / 100)
        case 0x28: record.position.hdop = Double(try reader.u8()) / 10
        case 0x29: record["index"] = .int(try reader.u32())
        case 0x2A:
            let input = try reader.u8()
            record["door"] = .bool(input & 0x0F > 0)
            record["tamper"] = .bool(input >> 4 > 0)
        case 0x2B: record["bootReason"] = .int(try reader.u8())
        case 0x2E: record["odometer"] = .int(try reader.uintLE(4))
        case 0x33: try gps(&reader, into: &record)
        case 0x34: try event(&reader, into: &record)
        case 0x7F: try tag(&reader, into: &record)
        default: try reader.skip(length)
        }
    }

    /// Unix time, satellites, altitude, lat, lon, speed, course/status word. A zero time is no fix.
    private static func gps(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let seconds = Int64(try reader.u32())
        let satellites = UInt32(try reader.u8())
        let altitude = Double(try reader.i16())
        let latitude = Double(try reader.u32()) / 1_800_000
        let longitude = Double(try reader.u32()) / 1_800_000
        let speed = Double(try reader.u8())
        let flags = try reader.u16()
        guard seconds > 0 else { return }
        record.timeMs = seconds * 1000
        record.position.satellites = satellites
        record.position.altitudeM = altitude
        record.position.speedKmh = speed
        // The modular GPS word has no ACC bits.
        GT06Blocks.applyCourseStatus(flags & 0x3FFF, latitude: latitude, longitude: longitude, to: &record)
    }

    private static func event(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let event = try reader.u8()
        let alarms: [UInt8: String] = [
            0x10: "door", 0x12: "removing", 0x14: "geofenceEnter", 0x15: "geofenceExit", 0x16: "temperature",
            0x1A: "lowBattery", 0x1B: "overspeed", 0x1C: "powerOn", 0x1D: "powerOff", 0x20: "vibration",
            0x21: "powerCut", 0x23: "tampering",
        ]
        record.addAlarm(alarms[event])
        record["event"] = .int(event)
        try reader.skip(4)  // time
        try reader.skip(Int(try reader.u8()))  // content
    }

    private static func tag(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        record["tag1Id"] = .string(GT06Blocks.hex(try reader.read(6)))
        record["tag1Battery"] = .double(Double(try reader.u16()) / 1000)
        record["tag1BatteryLevel"] = .int(try reader.u8())
        record["tag1Temp"] = .double(Double(try reader.i16()) / 10)
        record["tag1Humidity"] = .int(try reader.i16())
        record["tag1Status"] = .int(try reader.u8())
    }
}
