import TrackwireProtocol

/// What each CCE parameter id means (Traccar's mapping); unknown ids are skipped.
enum MeitrackCCEParameters {
    /// Applies a fixed-width (1, 2 or 4 byte, little-endian) parameter.
    static func apply(id: Int, width: Int, raw: UInt64, to position: inout Position) {
        let value = Int64(raw)  // at most 32 bits
        switch (width, id) {
        case (1, 0x01), (2, 0x40): position.attributes["event"] = .int(value)
        case (1, 0x05): position.valid = value > 0
        case (1, 0x06): position.satellites = UInt32(value)
        case (1, 0x07): position.attributes["rssi"] = .int(value)
        case (1, 0x14): position.attributes["output"] = .int(value)
        case (1, 0x15): position.attributes["input"] = .int(value)
        case (1, 0x47): if value > 0 { position.attributes["lock"] = .bool(value == 2) }
        case (1, 0x97): position.attributes["throttle"] = .int(value)
        case (1, 0x9D): position.attributes["fuel"] = .int(value)
        case (1, 0xFE69): position.attributes["batteryLevel"] = .int(value)
        case (2, 0x08): position.speedKmh = Double(value)
        case (2, 0x09): position.courseDeg = Double(value)
        case (2, 0x0A): position.hdop = Double(value) * 0.1
        case (2, 0x0B): position.altitudeM = Double(Int16(truncatingIfNeeded: value))
        case (2, 0x16), (2, 0x17): position.attributes["adc\(id - 0x15)"] = .double(Double(value) * 0.01)
        case (2, 0x19): position.attributes["battery"] = .double(Double(value) * 0.01)
        case (2, 0x1A): position.attributes["power"] = .double(Double(value) * 0.01)
        case (2, 0x29): position.attributes["fuel"] = .double(Double(value) * 0.01)
        default: applyWide(id: id, width: width, value: value, to: &position)
        }
    }

    private static func applyWide(id: Int, width: Int, value: Int64, to position: inout Position) {
        switch (width, id) {
        case (2, 0x91), (2, 0x92): position.attributes["obdSpeed"] = .int(value)
        case (2, 0x98): position.attributes["fuelUsed"] = .int(value)
        case (2, 0x99): position.attributes["rpm"] = .int(value)
        case (2, 0x9C): position.attributes["coolantTemp"] = .int(value)
        case (2, 0x9F): position.attributes["temp1"] = .int(value)
        case (2, 0xC9): position.attributes["fuelConsumption"] = .int(value)
        case (4, 0x02): position.latitude = Double(Int32(truncatingIfNeeded: value)) * 1e-6
        case (4, 0x03): position.longitude = Double(Int32(truncatingIfNeeded: value)) * 1e-6
        case (4, 0x04):
            position.fixTimeMs = (MeitrackCCCDecoder.epoch2000 + value) * 1000
            position.deviceTimeMs = position.fixTimeMs
        case (4, 0x0C): position.attributes["odometer"] = .int(value)
        case (4, 0x0D): position.attributes["runtime"] = .int(value)
        case (4, 0x25): position.attributes["driverUniqueId"] = .string(String(value))
        case (4, 0x9B): position.attributes["obdOdometer"] = .int(value)
        case (4, 0xA0): position.attributes["fuelUsed"] = .double(Double(value) * 0.001)
        case (4, 0xA2): position.attributes["fuelConsumption"] = .double(Double(value) * 0.01)
        case (4, 0xFEF4): position.attributes["hours"] = .int(value * 60000)
        default: break
        }
    }

    /// Applies a variable-length parameter (`value` holds exactly its bytes).
    static func applyVariable(id: Int, _ value: inout ByteReader, to position: inout Position) {
        switch id {
        case 0x2A...0x31:
            _ = try? value.u8()  // label
            if let raw = try? value.uintLE(2) {
                position.attributes["temp\(id - 0x2A)"] = .double(Double(Int16(truncatingIfNeeded: raw)) * 0.01)
            }
        case 0xFE31:
            _ = try? value.u8()  // alarm protocol
            if let type = try? value.u8() { position.attributes["alarmType"] = .int(type) }
        case 0xFE73: applyTag(&value, to: &position)
        case 0xFEA8: applyBatteryLevels(&value, to: &position)
        default: break
        }
    }

    /// A BLE tag: version, name, MAC, battery, temperature and humidity (both signed /256).
    private static func applyTag(_ value: inout ByteReader, to position: inout Position) {
        guard (try? value.u8()) != nil, let nameLength = try? value.u8(), let name = try? value.read(Int(nameLength)),
              (try? value.skip(6)) != nil, let battery = try? value.u8(),
              let temp = try? value.uintLE(2), let humidity = try? value.uintLE(2) else { return }
        position.attributes["tagName"] = .string(Latin1.string(name))
        position.attributes["tagBattery"] = .int(battery)
        position.attributes["tagTemp"] = .double(Double(Int16(truncatingIfNeeded: temp)) / 256)
        position.attributes["tagHumidity"] = .double(Double(Int16(truncatingIfNeeded: humidity)) / 256)
    }

    /// Up to three batteries: a presence flag and a level each.
    private static func applyBatteryLevels(_ value: inout ByteReader, to position: inout Position) {
        for k in 1...3 {
            guard let present = try? value.u8(), let level = try? value.u8() else { return }
            if present > 0 { position.attributes[k == 1 ? "batteryLevel" : "battery\(k)Level"] = .int(level) }
        }
    }
}
