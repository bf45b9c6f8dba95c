/// 0xF1 device status and 0xF2 peripheral (VL842) reports: a unix time, then status items
/// keyed by a 2-byte id.
enum GT06PeripheralDecoder {
    static func decode(_ d: GT06Decoding, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        record.timeMs = Int64(try reader.u32()) * 1000
        while reader.gt06Payload > 0 {
            let id = try reader.u16()
            if d.type == 0xF2 {
                try peripheral(id, &reader, into: &record)
            } else {
                try deviceStatus(id, &reader, into: &record)
            }
        }
    }

    private static func peripheral(_ id: UInt16, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        switch id {
        case 0x000A: try bluetoothEvent(&reader, into: &record)
        case 0x000C:
            try reader.skip(1)  // length
            record["externalBatteryLevel"] = .int(try reader.u8())
            if try reader.u8() > 0 { record["externalBatteryCharge"] = .bool(true) }
            record["externalBatteryCycles"] = .int(try reader.u16())
            try reader.skip(6)
        default:
            let length = Int(try reader.u8())
            try reader.skip(length == 0 ? Int(try reader.u8()) : length)
        }
    }

    /// A Bluetooth peripheral's event: its MAC, the event, and the raw data it carried.
    private static func bluetoothEvent(_ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let length = Int(try reader.u16())
        try reader.skip(1)  // MAC address type
        record["mac"] = .string(GT06Blocks.hex(try reader.read(6)))
        let event = try reader.u8()
        record["event"] = .int(event)
        let data = try reader.u8()
        if event > 0 { record["eventData"] = .int(data) }
        record["dataType"] = .int(try reader.u8())
        record["dataDetails"] = .string(GT06Blocks.hex(try reader.read(length - 10)))
    }

    private static func deviceStatus(_ id: UInt16, _ reader: inout ByteReader, into record: inout GT06Record) throws(DecodeError) {
        let length = Int(try reader.u8())
        switch id {
        case 0x0001:
            let motion = try reader.u8()
            record["motion"] = .bool(motion == 0x02 || motion == 0x04)
        case 0x0002: record["armed"] = .bool(try reader.u8() > 0)
        case 0x0004: record["ignition"] = .bool(try reader.u8() > 0)
        case 0x0005: record["power"] = .double(Double(try reader.u16()) / 100)
        case 0x0007: record["charge"] = .bool(try reader.u8() > 0)
        case 0x000A: record["chargeVoltage"] = .int(try reader.u16())
        case 0x000B: record["batteryTemp"] = .double(Double(try reader.u16()) / 10)
        default: try reader.skip(length)
        }
    }
}
