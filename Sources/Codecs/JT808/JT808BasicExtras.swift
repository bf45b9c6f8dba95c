import TrackwireProtocol

/// The extras of the JT/T 808 standard and the common vendor ids below 0x80: odometer, fuel,
/// signal, satellites, inputs, locks, tyres, driver events and the 0x80 OBD extension.
enum JT808BasicExtras {
    /// Applies extra `id`; `false` when it is not one of these.
    static func apply(_ id: UInt8, _ v: inout JT808Extras.Value, settings: JT808Settings, into d: inout PositionDraft) throws(DecodeError) -> Bool {
        switch id {
        case 0x01: d["odometer"] = .int(Int64(try v.reader.u32()) * 100)
        case 0x02:
            let fuel = try v.reader.u16()
            d["fuel"] = fuel & 0x8000 != 0 ? .int(fuel & 0x7FFF) : .double(Double(fuel) / 10)
        case 0x06: d["batteryLevel"] = .int(try v.reader.u8())
        case 0x0B: try lock(&v, into: &d)
        case 0x14: d["videoAlarm"] = .int(try v.reader.u32())
        case 0x25: d["input"] = .int(try v.reader.u32())
        case 0x2B, 0xA7:
            d["adc1"] = .double(Double(try v.reader.u16()) / 100)
            d["adc2"] = .double(Double(try v.reader.u16()) / 100)
        case 0x30: d["rssi"] = .int(try v.reader.u8())
        case 0x31:
            let satellites = try v.reader.u8()
            d["sat"] = .int(satellites)
            d.position.satellites = UInt32(satellites)
        case 0x33: try modeOrLockStatus(&v, into: &d)
        case 0x51: try temperatures(&v, into: &d)
        case 0x56:
            d["batteryLevel"] = .int(Int(try v.reader.u8()) * 10)
        case 0x57: try drivingAlarms(&v, settings: settings, into: &d)
        case 0x60: try event(&v, into: &d)
        case 0x63: try locks(&v, into: &d)
        case 0x64, 0x65: try assistanceAlarm(id, &v, into: &d)
        case 0x67: d["password"] = .string(try v.reader.latin1(8))
        case 0x68: d["batteryLevel"] = .double(Double(try v.reader.u16()) / 100)
        case 0x69: d["battery"] = .double(Double(try v.reader.u16()) / 100)
        case 0x70: try collisionAlarm(&v, into: &d)
        case 0x77: try tyres(&v, into: &d)
        case 0x80:
            try v.reader.skip(1)  // content
            v.next = v.reader.end - 2
            try JT808ObdExtension.read(&v.reader, until: v.next, into: &d)
        default: return false
        }
        return true
    }

    /// 0x0B: lock command, then a card number or a password, then the unlock result.
    static func lock(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        d["lockCommand"] = .int(try v.reader.u8())
        if (5...6).contains(v.length) {
            d["lockCard"] = .int(try v.reader.u32())
        } else if v.length >= 7 {
            d["lockPassword"] = .string(try v.reader.latin1(6))
        }
        if v.length % 2 == 0 { d["unlockResult"] = .int(try v.reader.u8()) }
    }

    /// 0x33: a mode byte, or a lock status sentence `*M00…` whose characters 10–12 are the battery in 0.01 V.
    private static func modeOrLockStatus(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        guard v.length != 1 else {
            d["mode"] = .int(try v.reader.u8())
            return
        }
        let text = Array(try v.reader.latin1(v.length))
        if text.starts(with: "*M00"), text.count >= 15, let centivolts = Int(String(text[10..<13])) {
            d["battery"] = .double(Double(centivolts) / 100)
        }
    }

    /// 0x51: up to eight temperatures in 0.1 °C, sign in bit 15; `FFFF` is no sensor.
    private static func temperatures(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        guard v.length == 2 || v.length == 16 else { return }
        for index in 1...(v.length / 2) {
            let value = try v.reader.u16()
            guard value != 0xFFFF else { continue }
            let magnitude = Double(value & 0x7FFF) / 10
            d["temp\(index)"] = .double(value & 0x8000 != 0 ? -magnitude : magnitude)
        }
    }

    /// 0x57: driving-behaviour bits, the external switches and (MV710G/MV810G) a door bit.
    private static func drivingAlarms(_ v: inout JT808Extras.Value, settings: JT808Settings, into d: inout PositionDraft) throws(DecodeError) {
        let behaviour = try v.reader.u16()
        if behaviour & 0x0100 != 0 { d.addAlarm("hardAcceleration") }
        if behaviour & 0x0200 != 0 { d.addAlarm("hardBraking") }
        if behaviour & 0x0400 != 0 { d.addAlarm("hardCornering") }
        try v.reader.skip(2)  // external switches
        let more = try v.reader.u32()
        if settings.reportsDoor && more & 0x1_0000 != 0 { d.addAlarm("door") }
    }

    /// 0x60: an event code; lock events 0x61–0x66 carry the lock id and an 8-character driver id.
    private static func event(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        let event = try v.reader.u16()
        d["event"] = .int(event)
        if (0x61...0x66).contains(event) {
            try v.reader.skip(6)
            d["driverUniqueId"] = .string(try v.reader.latin1(8))
        }
    }

    /// 0x63: 11-byte lock records: id, battery (mV), seal, physical state, RSSI.
    private static func locks(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        guard v.length >= 11 else { return }
        for index in 1...(v.length / 11) {
            d["lock\(index)Id"] = .string(try v.reader.hex(6))
            d["lock\(index)Battery"] = .double(Double(try v.reader.u16()) / 1000)
            d["lock\(index)Seal"] = .bool(try v.reader.u8() == 0x31)
            try v.reader.skip(2)
        }
    }

    /// 0x64 ADAS / 0x65 DMS: serial, status, the alarm type, and (in long records) the
    /// 16-byte alarm label at the end.
    private static func assistanceAlarm(_ id: UInt8, _ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        try v.reader.skip(5)
        d[id == 0x64 ? "adasAlarm" : "dmsAlarm"] = .int(try v.reader.u8())
        if v.length >= 47 {
            v.reader = v.reader.moved(to: v.end - 16)
            d["alarmLabel"] = .string(try v.reader.hex(16))
        }
    }

    /// 0x70: serial, status, then the collision type.
    private static func collisionAlarm(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        try v.reader.skip(5)
        let alarms: [UInt8: String] = [0x01: "hardAcceleration", 0x02: "hardBraking", 0x03: "hardCornering", 0x16: "accident"]
        d.addAlarm(alarms[try v.reader.u8()])
    }

    /// 0x77: tyre records: index, sensor id, pressure (10 bits, 1/40 bar), temperature (+50 °C), status.
    private static func tyres(_ v: inout JT808Extras.Value, into d: inout PositionDraft) throws(DecodeError) {
        while v.hasMore {
            let tyre = "tire\(try v.reader.u8())"
            d[tyre + "SensorId"] = .string(try v.reader.hex(3))
            d[tyre + "Pressure"] = .double(Double(try v.reader.u16() & 0x03FF) / 40)
            d[tyre + "Temp"] = .int(Int(try v.reader.u8()) - 50)
            d[tyre + "Status"] = .int(try v.reader.u8())
        }
    }
}
