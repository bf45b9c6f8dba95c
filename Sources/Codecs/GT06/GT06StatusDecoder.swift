/// Status-only messages outside the generic family: the GK310 heartbeat (0x23), the long 0x13
/// status report, the short 0x94 voltage report, the GL21L step status (0xA3) and the VL-series
/// 0x36 status with RFID.
enum GT06StatusDecoder {
    /// 0x23: armed/ACC/charging byte, then optionally battery voltage and GSM signal.
    static func heartbeat(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let status = try reader.u8()
        record["armed"] = .bool(status & 0x01 != 0)
        record["ignition"] = .bool(status & 0x02 != 0)
        record["charge"] = .bool(status & 0x04 != 0)
        if reader.remaining >= 2 + 6 { record["battery"] = .double(Double(try reader.u16()) / 100) }
        if reader.remaining >= 1 + 6 { record["rssi"] = .int(try reader.u8()) }
    }

    /// 0x13 with 16 content bytes: battery level and a signed temperature (bit 15 = positive).
    static func report(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try reader.skip(1 + 2 + 1 + 1)  // information content, satellites, alarm, language
        record["batteryLevel"] = .int(try reader.u8())
        try reader.skip(1 + 2 + 1 + 2 + 2)  // working mode, voltage, reserved, working times, working time
        let value = try reader.u16()
        let temperature = Double(value & 0x7FFF) * 0.1
        record["temp1"] = .double(value & 0x8000 != 0 ? temperature : -temperature)
    }

    /// Short-form 0x94: external voltage in 0.01 V.
    static func power(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        record["power"] = .double(Double(try reader.i16()) / 100)
    }

    /// GL21L 0xA3 status (length 0x18). Layout inferred from the one capture; only the step
    /// counter at content offset 9 is decoded.
    static func steps(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try reader.skip(9)
        record["steps"] = .int(try reader.u32())
    }

    /// VL-series 0x36: GPS, LBS (4-byte cell id), ACC, upload mode, re-upload, mileage, then a
    /// status area with the battery voltage (0.1 V) and an 8-byte RFID. Layout inferred from the
    /// VL103 captures; undocumented bytes are skipped.
    static func vlStatus(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        try GT06Blocks.gps(&reader, into: &record)
        try GT06Blocks.lbs(&reader, type: d.type, variant: d.variant, hasLength: false)
        record["ignition"] = .bool(try reader.u8() > 0)
        try reader.skip(1)  // upload mode
        if try reader.u8() > 0 { record["archive"] = .bool(true) }
        record["odometer"] = .int(try reader.u32())
        try reader.skip(2)  // unknown
        record["battery"] = .double(Double(try reader.u8()) / 10)
        try reader.skip(3)  // unknown
        try GT06LocationTail.driver(&reader, into: &record)
    }
}
