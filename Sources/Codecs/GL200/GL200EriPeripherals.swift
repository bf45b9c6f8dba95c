/// The peripheral blocks an ERI mask announces, in wire order: digital fuel sensor (bit 0), fuel
/// data (bit 29), 1-Wire temperature (bit 1), CAN (bit 2, not decoded), fuel level sensors
/// (bits 3/4), temperature/humidity sensors (bit 7) and BLE accessories (bit 8).
struct GL200EriPeripherals {
    let mask: Int
    let model: String
    /// Where the send time is: optional blocks stop before it.
    let sendTimeIndex: Int

    func read(_ f: inout GL200Fields, into record: inout GL200Record) throws(DecodeError) {
        if bit(0) && model != "GV350M" { record.set("fuel", int: try f.nextHex()) }
        if bit(29) { try readFuelData(&f, into: &record) }
        if bit(1) { try readOneWire(&f, into: &record) }
        guard !bit(2) else { return } // CAN data is not decoded
        if (bit(3) || bit(4) || (bit(0) && model == "GV350M")) && f.index < sendTimeIndex {
            try readFuelSensors(&f, into: &record)
        }
        if bit(7) && model != "GL320M" { try skipTemperatureSensors(&f) }
        if bit(8) && model != "GL320M" { try GL200BleAccessories.read(&f, model: model, into: &record) }
    }

    private func bit(_ index: Int) -> Bool { GL200Number.bit(mask, index) }

    private func readFuelData(_ f: inout GL200Fields, into record: inout GL200Record) throws(DecodeError) {
        f.skip(2) // reserved
        let dataMask = try GL200Number.hex(f.next())
        if GL200Number.bit(dataMask, 0), let fuel = try f.nextNonEmpty() { record.set("fuel", int: try GL200Number.hex(fuel)) }
        if GL200Number.bit(dataMask, 1) { f.skip() } // fuel height
    }

    /// `count, (id, type, temperature × 0.0625 °C as signed 16-bit hex) × count`.
    private func readOneWire(_ f: inout GL200Fields, into record: inout GL200Record) throws(DecodeError) {
        let count = try GL200Number.int(f.next())
        for sensor in f.repetitions(count).map({ $0 + 1 }) {
            f.skip(2) // id, type
            if let raw = try f.nextNonEmpty() {
                let celsius = Double(Int16(truncatingIfNeeded: try GL200Number.hex(raw))) * 0.0625
                record.set("temp\(sensor)", double: celsius)
            }
        }
    }

    private func readFuelSensors(_ f: inout GL200Fields, into record: inout GL200Record) throws(DecodeError) {
        let count = try GL200Number.int(f.next())
        for _ in f.repetitions(count) {
            f.skip() // type
            if model == "GV350M" {
                f.skip() // UART id
                if bit(0) { record.set("fuel", int: try GL200Number.hex(f.next())) }
            }
            if bit(3) { record.set("fuel", double: try GL200Number.double(f.next())) }
            if bit(4) { f.skip() } // volume
            if bit(10) { f.skip() } // fuel temperature
        }
    }

    private func skipTemperatureSensors(_ f: inout GL200Fields) throws(DecodeError) {
        let count = try GL200Number.int(f.next())
        for _ in f.repetitions(count) {
            f.skip() // serial number
            let type = try GL200Number.int(f.next())
            f.skip(type == 2 ? 2 : 1) // temperature, humidity
        }
    }
}

/// BLE accessories in an ERI report: per accessory an append mask says which values follow.
enum GL200BleAccessories {
    static func read(_ f: inout GL200Fields, model: String, into record: inout GL200Record) throws(DecodeError) {
        let count = try GL200Number.int(f.next())
        for tag in f.repetitions(count).map({ $0 + 1 }) {
            f.skip(3) // index, type, model
            if model.hasPrefix("GV600M") { f.skip() } // raw data length
            f.skip() // raw data
            let mask = try GL200Number.hex(f.next())
            try readValues(&f, mask: mask, prefix: "tag\(tag)", into: &record)
        }
    }

    private static func readValues(_ f: inout GL200Fields, mask: Int, prefix: String, into record: inout GL200Record) throws(DecodeError) {
        func has(_ bit: Int) -> Bool { GL200Number.bit(mask, bit) }
        if has(0) { f.skip() } // name
        if has(1) { record.set("\(prefix)Id", string: try f.next()) }
        if has(2) { f.skip() } // status
        if has(3) { f.skip() } // battery level
        if has(4), let temp = try f.nextNonEmpty() { record.set("\(prefix)Temp", double: try GL200Number.double(temp)) }
        if has(5), let humidity = try f.nextNonEmpty() { record.set("\(prefix)Humidity", int: try GL200Number.int(humidity)) }
        for skipped in [7, 8, 9, 10, 11, 12] where has(skipped) { f.skip() } // I/O, event, tyre, time, temp+, magnet
        if has(13), let battery = try f.nextNonEmpty() { record.set("\(prefix)Battery", int: try GL200Number.int(battery)) }
        if has(14) { f.skip() } // relay
    }
}
