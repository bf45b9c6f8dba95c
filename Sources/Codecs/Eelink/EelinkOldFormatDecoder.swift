import TrackwireProtocol

/// The old report layout of 0x02 GPS, 0x04 alarm, 0x05 state and 0x06 SMS packets: time, lat/lon
/// in 1/1,800,000°, km/h, course, one cell and a validity flag, then what the type adds
/// (docs/protocols/eelink.md "Positions").
enum EelinkOldFormatDecoder {
    static func decode(_ packet: EelinkPacket, into position: inout Position, _ attributes: inout [String: AttributeValue]) throws(DecodeError) {
        var r = packet.content
        position.fixTimeMs = Int64(try r.u32()) * 1000
        position.latitude = Double(try r.i32()) / 1_800_000
        position.longitude = Double(try r.i32()) / 1_800_000
        position.speedKmh = Double(try r.u8())
        position.courseDeg = Double(try r.u16())
        try r.skip(2 + 2 + 2 + 3)  // MCC, MNC, LAC, CID
        position.valid = try r.u8() & 1 != 0
        switch packet.type {
        case EelinkPacketType.gps: try gpsTail(&r, &attributes)
        case EelinkPacketType.alarm: EelinkStatus.setAlarm(try r.u8(), in: &attributes)
        case EelinkPacketType.state: try stateTail(&r, &attributes)
        default: break
        }
    }

    /// Status word, then battery (mV), RSSI and two ADCs when present.
    private static func gpsTail(_ r: inout ByteReader, _ attributes: inout [String: AttributeValue]) throws(DecodeError) {
        if r.remaining >= 2 { EelinkStatus.apply(try r.u16(), to: &attributes) }
        guard r.remaining >= 8 else { return }
        attributes["battery"] = .double(Double(try r.u16()) / 1000)
        attributes["rssi"] = .int(try r.u16())
        attributes["adc1"] = .int(try r.u16())
        attributes["adc2"] = .int(try r.u16())
    }

    /// The state type as `event`; types 1-3 carry a device time and the status word.
    private static func stateTail(_ r: inout ByteReader, _ attributes: inout [String: AttributeValue]) throws(DecodeError) {
        let type = try r.u8()
        attributes["event"] = .int(type)
        guard (1...3).contains(type) else { return }
        try r.skip(4)  // device time
        if r.remaining >= 2 { EelinkStatus.apply(try r.u16(), to: &attributes) }
    }
}
