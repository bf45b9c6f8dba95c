import TrackwireProtocol

/// The two structured vendor extras: 0xE8 (Jimi status blocks and alarm codes, or a padlock's
/// lock status) and 0xEB (nested readings, a cell list or a time zone).
enum JT808VendorExtras {
    /// Applies extra `id`; `false` when it is not one of these.
    static func apply(_ id: UInt8, _ v: inout JT808Extras.Value, settings: JT808Settings, into d: inout PositionDraft) throws(DecodeError) -> Bool {
        switch id {
        case 0xE8 where settings.isJimi: try JT808JimiBlock.read(&v, into: &d)
        case 0xE8: d["lockStatus"] = .int(try v.reader.u24())
        case 0xEB: try nested(&v, into: &d)
        default: return false
        }
        return true
    }

    /// 0xEB: a cell list (MCC first, 5-byte cells; skipped), a printable time zone, or
    /// (length:2, type:2, value) readings.
    private static func nested(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        let value = v.reader.bytes[v.reader.offset..<v.end]
        if value.count >= 2, Int(value[value.startIndex]) << 8 | Int(value[value.startIndex + 1]) > 200, (v.length - 3) % 5 == 0 {
            return  // cell towers
        }
        if value.allSatisfy({ (0x20...0x7E).contains($0) }) {
            d["timezone"] = .string(try v.reader.latin1(v.length))
            return
        }
        while v.hasMore {
            let length = Int(try v.reader.u16())
            let next = v.reader.offset + length
            try reading(try v.reader.u16(), length: length, &v.reader, into: &d)
            v.reader = v.reader.moved(to: next)
        }
    }

    private static func reading(_ type: UInt16, length: Int, _ r: inout ByteReader, into d: inout PositionDraft) throws(DecodeError) {
        switch type {
        case 0x0001: d["fuel1"] = .double(Double(try r.u16()) / 10)
        case 0x0023: if let fuel = TextNumber.decimal(try r.latin1(6)) { d["fuel2"] = .double(fuel) }
        case 0x002D where length == 6: d["power"] = .double(Double(try r.u32()) / 1000)
        case 0x002D: d["battery"] = .double(Double(try r.u16()) / 1000)
        case 0x0089:
            let alarm = try r.u32()
            if alarm & 0x0001 == 0 { d.addAlarm("powerOff") }
            if alarm & 0x1000 == 0 { d.addAlarm("removing") }
        case 0x00B2: d["iccid"] = .string(String(try r.hex(10).reversed().drop { $0 == "f" }.reversed()))
        case 0x00C5:
            let alarm = try r.u32()
            if alarm & 0x40 == 0 { d.addAlarm("vibration") }
            switch (alarm >> 23) & 0x03 {
            case 0: d["motion"] = .bool(true)
            case 1: d["motion"] = .bool(false)
            default: break
            }
        case 0x00C6:
            let batteryAlarm = try r.u8()
            if batteryAlarm == 0x03 || batteryAlarm == 0x04 { d.addAlarm("lowBattery") }
            d["batteryAlarm"] = .int(batteryAlarm)
        case 0x00CE: d["power"] = .double(Double(try r.u16()) / 100)
        case 0x00A8, 0x00E1: d["batteryLevel"] = .int(try r.u8())
        default: break  // 0x00B9 Wi-Fi, 0x00D8 cell: positions carry no network
        }
    }
}
