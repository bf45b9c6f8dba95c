import TrackwireProtocol

/// Traccar's meaning for fixed-size IO elements of codecs 8, 8E and 16 (docs/protocols/teltonika.md). An id
/// without a mapping, or whose mapping the model does not admit, is kept as `io<ID>` (unsigned).
enum TeltonikaIOElements {
    /// How an element's value becomes an attribute (values are read at the element's own width).
    enum Conversion: Sendable {
        case flag                 // bool, value > 0
        case unsigned             // int
        case signed               // int, two's complement at the element width
        case scaled(Double)       // double, unsigned value ÷ divisor
        case signedScaled(Double) // double, signed value ÷ divisor
        case multiplied(Int64)    // int, unsigned value × factor
        case driverId             // little-endian, 16 uppercase hex digits; absent when 0
        case decimalText          // text of the signed value (ICCID)
        case alarm(String)        // the alarm when value > 0
        case greenDriving         // 1 hardAcceleration, 2 hardBraking, 3 hardCornering
        case autoGeofence         // 1 geofenceEnter, otherwise geofenceExit
        case gnssSpeed            // km/h, replaces the record's speed
    }

    struct Mapping: Sendable {
        let key: String
        let conversion: Conversion
        let gate: TeltonikaModel.Gate
    }

    /// Decodes one element into `record`.
    static func apply(id: Int, value: ArraySlice<UInt8>, model: TeltonikaModel, to record: inout TeltonikaRecord) {
        guard let mapping = mappings[id], model.admits(mapping.gate) else {
            record.set(TeltonikaRecord.ioKey(Int(id)), .int(Int64(bitPattern: unsigned(value))))
            return
        }
        convert(value, mapping, into: &record)
    }

    private static func convert(_ value: ArraySlice<UInt8>, _ mapping: Mapping, into record: inout TeltonikaRecord) {
        let raw = unsigned(value)
        switch mapping.conversion {
        case .flag: record.set(mapping.key, .bool(raw > 0))
        case .unsigned: record.set(mapping.key, .int(Int64(bitPattern: raw)))
        case .signed: record.set(mapping.key, .int(signed(value)))
        case .scaled(let divisor): record.set(mapping.key, .double(Double(raw) / divisor))
        case .signedScaled(let divisor): record.set(mapping.key, .double(Double(signed(value)) / divisor))
        case .multiplied(let factor): record.set(mapping.key, .int(Int64(bitPattern: raw) &* factor))
        case .driverId: if let id = driverId(value) { record.set(mapping.key, .string(id)) }
        case .decimalText: record.set(mapping.key, .string(String(Int64(bitPattern: raw))))
        case .alarm(let alarm): if raw > 0 { record.addAlarm(alarm) }
        case .greenDriving: if let alarm = greenDriving[raw] { record.addAlarm(alarm) }
        case .autoGeofence: record.addAlarm(raw > 0 ? "geofenceEnter" : "geofenceExit")
        case .gnssSpeed: record.position.speedKmh = Double(raw)
        }
    }

    private static let greenDriving: [UInt64: String] = [1: "hardAcceleration", 2: "hardBraking", 3: "hardCornering"]

    /// Big-endian unsigned value of up to 8 bytes (longer values keep their last 8 bytes).
    static func unsigned(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0
        var index = max(bytes.startIndex, bytes.endIndex - 8)
        while index < bytes.endIndex {
            value = value << 8 | UInt64(bytes[index])
            index += 1
        }
        return value
    }

    /// Big-endian two's-complement value at the element's width.
    static func signed(_ bytes: ArraySlice<UInt8>) -> Int64 {
        let width = min(bytes.count, 8)
        guard width > 0, width < 8 else { return Int64(bitPattern: unsigned(bytes)) }
        let shift = UInt64(64 - width * 8)
        return Int64(bitPattern: unsigned(bytes) << shift) >> shift
    }

    private static func driverId(_ bytes: ArraySlice<UInt8>) -> String? {
        let value = bytes.suffix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard value != 0 else { return nil }
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }
}
