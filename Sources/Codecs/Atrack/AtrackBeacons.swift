import TrackwireProtocol

/// BLE beacon data of the `BC` custom key, `<mode>:<mask>:<hex>`, read as Traccar's
/// `decodeBeaconData` does: per beacon the id when mask bit 7 is set, then the mode's fields as
/// the mask bits say (docs/protocols/atrack.md "Record").
///
/// With the `FrameMask` option the value is the hex alone. Traccar's layout for that case is not
/// in the wire facts; the one capture (docs/protocols/atrack.md) reads as 14-byte beacons: id (6),
/// a 2-byte word, temperature (signed, 0.01 °C), humidity (0.01 %), RSSI (signed) and a spare byte.
enum AtrackBeacons {
    static func read(_ value: String, frameMask: Int?, into attributes: inout [String: AttributeValue]) {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        if frameMask != nil, parts.count == 1, let data = HexText.bytes(parts[0]) {
            readFramed(data, into: &attributes)
        } else if parts.count == 3, let mode = Int(parts[0]), let mask = Int(parts[1]), let data = HexText.bytes(parts[2]) {
            var reader = ByteReader(data)
            try? readMasked(mode: mode, mask: mask, &reader, into: &attributes)
        }
    }

    private static func readFramed(_ data: [UInt8], into attributes: inout [String: AttributeValue]) {
        var reader = ByteReader(data)
        var tag = 1
        while reader.remaining >= 14, let id = try? reader.read(6), (try? reader.skip(2)) != nil,
              let temperature = try? reader.i16(), let humidity = try? reader.u16(), let rssi = try? reader.i8(), (try? reader.skip(1)) != nil {
            attributes["tag\(tag)Id"] = .string(HexText.lowercase(id))
            attributes["tag\(tag)Temp"] = .double(Double(temperature) / 100)
            attributes["tag\(tag)Humidity"] = .double(Double(humidity) / 100)
            attributes["tag\(tag)Rssi"] = .int(rssi)
            tag += 1
        }
    }

    /// Modes 1 (iBeacon), 2 (Eddystone), 3 (sensor tags) and 4 (hardware tags).
    private static func readMasked(mode: Int, mask: Int, _ r: inout ByteReader, into attributes: inout [String: AttributeValue]) throws(DecodeError) {
        func bit(_ n: Int) -> Bool { mask & (1 << n) != 0 }
        var tag = 1
        while r.remaining > 0 {
            let start = r.offset
            if bit(7) { attributes["tag\(tag)Id"] = .string(HexText.lowercase(try r.read(6))) }
            switch mode {
            case 1:
                try r.skip((bit(6) ? 2 : 0) + (bit(5) ? 2 : 0) + (bit(4) ? 1 : 0))  // major, minor, tx power
                if bit(3) { attributes["tag\(tag)Rssi"] = .int(try r.u8()) }
            case 2:
                if bit(6) { try r.skip(2) }  // battery voltage
                if bit(5) { attributes["tag\(tag)Temp"] = .int(try r.u16()) }
                if bit(4) { try r.skip(1) }  // tx power
                if bit(3) { attributes["tag\(tag)Rssi"] = .int(try r.u8()) }
            case 3:
                if bit(6) { attributes["tag\(tag)Humidity"] = .int(try r.u16()) }
                if bit(5) { attributes["tag\(tag)Temp"] = .int(try r.u16()) }
                if bit(3) { attributes["tag\(tag)Rssi"] = .int(try r.u8()) }
                if bit(2) { try r.skip(2) }
            case 4:
                if bit(6) {
                    let hardware = try r.u8()
                    if bit(5) { try r.skip([1: 11, 4: 11, 2: 2, 3: 6, 5: 10][hardware] ?? 0) }
                }
                if bit(4) { try r.skip(9) }  // name
            default: break
            }
            guard r.offset > start else { return }  // a mask that reads nothing would loop forever
            tag += 1
        }
    }
}
