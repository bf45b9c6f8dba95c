import TrackwireProtocol

/// Codec 8E variable-length (NX) IO elements: VIN, DTC list, BLE beacons and tagged BLE sensors.
/// Any other id is kept as `io<ID>` holding the value's hex digits.
enum TeltonikaVariableElements {
    /// Decodes one variable-length element into `record`.
    static func apply(id: Int, value: [UInt8], to record: inout TeltonikaRecord) throws(DecodeError) {
        switch id {
        case 256, 325: record.set("vin", .string(LenientUTF8.string(value)))
        case 281: record.set("dtcs", .string(String(LenientUTF8.string(value).map { $0 == "," ? " " : $0 })))
        case 385: try beacons(value, into: &record)
        case 548, 10828, 10829, 10831, 11317: try tags(value, into: &record)
        default: record.set(TeltonikaRecord.ioKey(Int(id)), .string(TeltonikaText.hex(value)))
        }
    }

    /// Eddystone / iBeacon list: a data-part byte, then per beacon flags, ids, RSSI and options.
    private static func beacons(_ value: [UInt8], into record: inout TeltonikaRecord) throws(DecodeError) {
        var reader = ByteReader(value)
        try reader.skip(1)
        var index = 1
        while reader.remaining > 0 {
            let flags = try reader.u8()
            let prefix = "beacon\(index)"
            if flags >> 4 > 0 {
                record.set(prefix + "Uuid", .string(TeltonikaText.hex(try reader.read(16))))
                record.set(prefix + "Major", .int(try reader.u16()))
                record.set(prefix + "Minor", .int(try reader.u16()))
            } else {
                record.set(prefix + "Namespace", .string(TeltonikaText.hex(try reader.read(10))))
                record.set(prefix + "Instance", .string(TeltonikaText.hex(try reader.read(6))))
            }
            record.set(prefix + "Rssi", .int(try reader.i8()))
            if flags & 0x02 != 0 { record.set(prefix + "Battery", .double(Double(try reader.u16()) / 100)) }
            if flags & 0x04 != 0 { record.set(prefix + "Temp", .int(try reader.u16())) }
            index += 1
        }
    }

    /// Tagged sensor list: a header byte, then per tag a length-prefixed list of (id, length, value).
    private static func tags(_ value: [UInt8], into record: inout TeltonikaRecord) throws(DecodeError) {
        var reader = ByteReader(value)
        try reader.skip(1)
        var index = 1
        while reader.remaining > 0 {
            var tag = ByteReader(Array(try reader.read(Int(try reader.u8()))))
            while tag.remaining > 0 {
                let parameter = try tag.u8()
                let data = try tag.read(Int(try tag.u8()))
                tagParameter(parameter, data, prefix: "tag\(index)", into: &record)
            }
            index += 1
        }
    }

    private static func tagParameter(_ id: UInt8, _ data: ArraySlice<UInt8>, prefix: String, into record: inout TeltonikaRecord) {
        let unsigned = TeltonikaIOElements.unsigned(data)
        let signed = TeltonikaIOElements.signed(data)
        switch id {
        case 0: record.set(prefix + "Rssi", .int(signed))
        case 1: record.set(prefix + "Id", .string(TeltonikaText.hex(data)))
        case 2: sensorFlags(data, prefix: prefix, into: &record)
        case 5: record.set(prefix + "Name", .string(LenientUTF8.string(data)))
        case 6: record.set(prefix + "Temp", .int(signed))
        case 7: record.set(prefix + "Humidity", .int(Int64(bitPattern: unsigned)))
        case 8: record.set(prefix + "Magnet", .bool(unsigned > 0))
        case 9: record.set(prefix + "Motion", .bool(unsigned > 0))
        case 10: record.set(prefix + "MotionCount", .int(Int64(bitPattern: unsigned)))
        case 11: record.set(prefix + "Pitch", .int(signed))
        case 12: record.set(prefix + "AngleRoll", .int(signed))
        case 13: record.set(prefix + "LowBattery", .int(Int64(bitPattern: unsigned)))
        case 14: record.set(prefix + "Battery", .int(Int64(bitPattern: unsigned)))
        case 15: record.set(prefix + "Mac", .string(TeltonikaText.hex(data)))
        default: break
        }
    }

    /// Parameter 2: a flag byte; bit 6 low battery, bit 7 a voltage byte follows (×10 + 2000 mV).
    private static func sensorFlags(_ data: ArraySlice<UInt8>, prefix: String, into record: inout TeltonikaRecord) {
        guard let flag = data.first else { return }
        if flag & 0x40 != 0 { record.set(prefix + "LowBattery", .bool(true)) }
        if flag & 0x80 != 0, let voltage = data.dropFirst().first {
            record.set(prefix + "Voltage", .int(Int64(voltage) * 10 + 2000))
        }
    }
}
