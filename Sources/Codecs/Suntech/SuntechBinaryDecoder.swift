import TrackwireProtocol

/// Decodes the two binary forms: universal binary (`<type ≥ 0x80> <len:2> <id:5 BCD> <mask:3>` then
/// the masked fields) and the ST300 "zip" report (`02 <len:2> <hdr> <id:5 BCD> …`).
struct SuntechBinaryDecoder {
    let protocolName: String
    let receivedAtMs: Int64

    /// The device id a binary frame carries, if it is long enough.
    static func deviceId(_ frame: [UInt8]) -> String? {
        if frame.first == 0x02 { return frame.count >= 9 ? String(HexText.lowercase(frame[4..<9]).prefix(9)) : nil }
        return frame.count >= 8 ? HexText.lowercase(frame[3..<8]) : nil
    }

    func decodeUniversal(_ frame: [UInt8]) throws(DecodeError) -> Decoded {
        var reader = ByteReader(frame)
        let type = try reader.u8()
        try reader.skip(2)
        let id = HexText.lowercase(try reader.read(5))
        let mask = Int(try reader.u24())
        var position = Position.stub(deviceId: id, protocolName: protocolName, timeMs: receivedAtMs)
        try SuntechBinaryFields(mask: mask).read(&reader, alarms: type == 0x82, into: &position)
        return .reporting([position], kind: position.attributes["alarm"] == nil ? .position : .alarm, deviceId: id)
    }

    /// Zip layout after the header byte and id: model, firmware (2), date (y m d), time (h m s),
    /// cell (3), latitude and longitude (degree byte + 3 BCD bytes of millionths), speed and course
    /// (u16 + BCD hundredths), flags (valid, south, west, satellites), odometer (u32),
    /// power (byte + BCD hundredths), io.
    func decodeZip(_ frame: [UInt8]) throws(DecodeError) -> Decoded {
        var reader = ByteReader(frame, offset: 4)
        let id = String(HexText.lowercase(try reader.read(5)).prefix(9))
        try reader.skip(3)  // model, firmware
        let date = try reader.read(6).map(Int.init)
        guard let time = UTCTime.milliseconds(year: date[0], month: date[1], day: date[2], hour: date[3], minute: date[4], second: date[5])
        else { throw DecodeError("malformed", "bad zip date") }
        var position = Position.stub(deviceId: id, protocolName: protocolName, timeMs: time)
        try reader.skip(3)  // cell
        let latitude = Double(try reader.u8()) + Double(try Self.bcd(&reader, 3)) / 1e6
        let longitude = Double(try reader.u8()) + Double(try Self.bcd(&reader, 3)) / 1e6
        position.speedKmh = Double(try reader.u16()) + Double(try Self.bcd(&reader, 1)) / 100
        position.courseDeg = Double(try reader.u16()) + Double(try Self.bcd(&reader, 1)) / 100
        let flags = try reader.u8()
        position.valid = flags & 0x80 != 0
        position.latitude = flags & 0x40 != 0 ? -latitude : latitude
        position.longitude = flags & 0x20 != 0 ? -longitude : longitude
        position.satellites = UInt32(flags & 0x1F)
        position.attributes["odometer"] = .int(try reader.u32())
        position.attributes["power"] = .double(Double(try reader.u8()) + Double(try Self.bcd(&reader, 1)) / 100)
        let io = try reader.u8()
        for (bit, key) in ["ignition", "in1", "in2", "in3", "out1", "out2"].enumerated() {
            position.attributes[key] = .bool(io >> UInt8(bit) & 1 == 1)
        }
        return .reporting([position], deviceId: id)
    }

    /// `count` bytes of packed BCD digits as a number.
    static func bcd(_ reader: inout ByteReader, _ count: Int) throws(DecodeError) -> Int {
        var value = 0
        for byte in try reader.read(count) {
            guard byte >> 4 <= 9, byte & 0x0F <= 9 else { throw DecodeError("malformed", "bad BCD digit") }
            value = value * 100 + Int(byte >> 4) * 10 + Int(byte & 0x0F)
        }
        return value
    }
}
