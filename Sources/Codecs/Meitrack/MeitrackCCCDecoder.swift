import TrackwireProtocol

/// Decodes the older binary report `CCC`: 8 header bytes, then fixed 52-byte little-endian records
/// for as long as 52 bytes remain (the `*XX\r\n` trailer counts, as in Traccar).
struct MeitrackCCCDecoder {
    static let headerSize = 8
    static let recordSize = 52
    /// Seconds from 1970 to 2000-01-01, the epoch of Meitrack's binary times.
    static let epoch2000: Int64 = 946_684_800

    let protocolName: String

    /// How many records a CCC frame holds: the `n` of the `@@…,CCC,<n>` reply.
    static func recordCount(_ frame: MeitrackFrame) -> Int? {
        let available = frame.bytes.count - frame.dataStart - headerSize
        return available >= 0 ? available / recordSize : nil
    }

    func decode(_ frame: MeitrackFrame) throws(DecodeError) -> [Position] {
        var reader = ByteReader(frame.bytes, offset: frame.dataStart)
        try reader.skip(Self.headerSize)
        var positions: [Position] = []
        while reader.remaining >= Self.recordSize {
            positions.append(try record(&reader, imei: frame.imei))
        }
        return positions
    }

    private func record(_ reader: inout ByteReader, imei: String) throws(DecodeError) -> Position {
        let event = try reader.u8()
        let latitude = Double(Int32(truncatingIfNeeded: try reader.uintLE(4))) * 1e-6
        let longitude = Double(Int32(truncatingIfNeeded: try reader.uintLE(4))) * 1e-6
        let time = (Self.epoch2000 + Int64(try reader.uintLE(4))) * 1000
        var position = Position.stub(deviceId: imei, protocolName: protocolName, timeMs: time)
        position.latitude = latitude
        position.longitude = longitude
        position.attributes["event"] = .int(event)
        position.valid = try reader.u8() == 1
        position.satellites = UInt32(try reader.u8())
        position.attributes["rssi"] = .int(try reader.u8())
        position.speedKmh = Double(try reader.uintLE(2))
        position.courseDeg = Double(try reader.uintLE(2))
        position.hdop = Double(try reader.uintLE(2)) * 0.1
        position.altitudeM = Double(try reader.uintLE(2))
        position.attributes["odometer"] = .int(try reader.uintLE(4))
        position.attributes["runtime"] = .int(try reader.uintLE(4))
        try reader.skip(8)  // MCC, MNC, LAC, CI
        position.attributes["status"] = .int(try reader.uintLE(2))
        position.attributes["adc1"] = .int(try reader.uintLE(2))
        position.attributes["battery"] = .double(Double(try reader.uintLE(2)) * 0.01)
        position.attributes["power"] = .int(try reader.uintLE(2))
        try reader.skip(4)  // geofence
        return position
    }
}
