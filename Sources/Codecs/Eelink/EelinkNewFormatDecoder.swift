import TrackwireProtocol

/// The new report layout of packets 0x12-0x19: time, a mask saying which blocks follow (fix,
/// cells, Wi-Fi, an LTE list), then for 0x12/0x14/0x15 the alarm or report byte, the status word
/// and, for 0x12, the sensor tail (docs/protocols/eelink.md "Positions").
enum EelinkNewFormatDecoder {
    static func decode(_ packet: EelinkPacket, into position: inout Position, _ attributes: inout [String: AttributeValue]) throws(DecodeError) {
        var r = packet.content
        position.fixTimeMs = Int64(try r.u32()) * 1000
        let mask = try r.u8()
        let located = mask & 0x01 != 0
        if located {
            position.latitude = Double(try r.i32()) / 1_800_000
            position.longitude = Double(try r.i32()) / 1_800_000
            position.altitudeM = Double(try r.i16())
            position.speedKmh = Double(try r.u16())
            position.courseDeg = Double(try r.u16())
            position.satellites = UInt32(try r.u8())
        }
        try skipNetwork(&r, mask: mask)
        if packet.type == EelinkPacketType.warning { EelinkStatus.setAlarm(try r.u8(), in: &attributes) }
        if packet.type == EelinkPacketType.report { try r.skip(1) }  // report type
        guard [EelinkPacketType.normal, EelinkPacketType.warning, EelinkPacketType.report].contains(packet.type) else { return }
        // Without a fix the position has no location, whatever the status says.
        position.valid = EelinkStatus.applyNew(try r.u16(), to: &attributes) && located
        if packet.type == EelinkPacketType.normal { try EelinkSensorTail.decode(&r, into: &attributes) }
    }

    /// Cells (mask bits 1-3, the first with MCC/MNC), Wi-Fi access points (bits 4-6) and the LTE
    /// list (bit 7): read past, as Trackwire keeps no network data.
    private static func skipNetwork(_ r: inout ByteReader, mask: UInt8) throws(DecodeError) {
        if mask & 0x02 != 0 { try r.skip(4 + 7) }
        if mask & 0x04 != 0 { try r.skip(7) }
        if mask & 0x08 != 0 { try r.skip(7) }
        for bit in 4...6 where mask & (1 << bit) != 0 { try r.skip(7) }
        guard mask & 0x80 != 0 else { return }
        try r.skip(1)  // radio access technology
        let counts = try r.u8()
        let cells = Int(counts & 0x07)
        if cells > 0 { try r.skip(19 + (cells - 1) * 5) }
        try r.skip(Int(counts >> 3 & 0x0F) * 7)
    }
}

/// The optional tail of a 0x12 report, each group read only when its bytes are there: battery,
/// two ADCs, odometer, counters, steps, an environment sensor, a second temperature and BLE tags.
enum EelinkSensorTail {
    static func decode(_ r: inout ByteReader, into attributes: inout [String: AttributeValue]) throws(DecodeError) {
        if r.remaining >= 2 { attributes["battery"] = .double(Double(try r.u16()) / 1000) }
        if r.remaining >= 4 {
            attributes["adc0"] = .int(try r.u16())
            attributes["adc1"] = .int(try r.u16())
        }
        if r.remaining >= 4 { attributes["odometer"] = .int(try r.u32()) }
        if r.remaining >= 4 { try r.skip(4) }  // GSM and GPS counters
        if r.remaining >= 4 {
            attributes["steps"] = .int(try r.u16())
            try r.skip(2)  // walking time
        }
        if r.remaining >= 12 {
            attributes["temp1"] = .double(Double(try r.i16()) / 256)
            attributes["humidity"] = .double(Double(try r.u16()) / 10)
            attributes["illuminance"] = .double(Double(try r.u32()) / 256)
            attributes["co2"] = .int(try r.u32())
        }
        if r.remaining >= 2 { attributes["temp2"] = .double(Double(try r.i16()) / 16) }
        if r.remaining >= 2 { try tags(&r, into: &attributes) }
    }

    /// BLE tags: count, an id byte, then per tag its id, four status bytes, battery, temperature and data.
    private static func tags(_ r: inout ByteReader, into attributes: inout [String: AttributeValue]) throws(DecodeError) {
        let count = Int(try r.u8())
        try r.skip(1)
        guard count > 0 else { return }
        for tag in 1...count {
            attributes["tag\(tag)Id"] = .string(HexText.lowercase(try r.read(6)))
            try r.skip(4)  // signal level, reserved, model, version
            attributes["tag\(tag)Battery"] = .double(Double(try r.u16()) / 1000)
            attributes["tag\(tag)Temp"] = .double(Double(try r.i16()) / 256)
            attributes["tag\(tag)Data"] = .int(try r.u16())
        }
    }
}
