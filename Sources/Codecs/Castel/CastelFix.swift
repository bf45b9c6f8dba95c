import TrackwireProtocol

/// The 19-byte fix every variant uses: `DD MM YY hh mm ss` (UTC), lat and lon (unsigned LE, 1/3,600,000°),
/// speed (cm/s), course (0.1°) and a flags byte with the hemispheres, validity and satellites
/// (docs/protocols/castel.md "SC position data").
enum CastelFix {
    static let size = 19

    static func read(_ r: inout ByteReader, deviceId: String, protocolName: String) throws(DecodeError) -> Position {
        let day = Int(try r.u8()), month = Int(try r.u8()), year = Int(try r.u8())
        let hour = Int(try r.u8()), minute = Int(try r.u8()), second = Int(try r.u8())
        guard let time = UTCTime.milliseconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else {
            throw DecodeError("malformed", "Castel fix date \(day)/\(month)/\(year) \(hour):\(minute):\(second)")
        }
        var position = Position.stub(deviceId: deviceId, protocolName: protocolName, timeMs: time)
        let latitude = Double(try r.uintLE(4)) / 3_600_000
        let longitude = Double(try r.uintLE(4)) / 3_600_000
        position.speedKmh = Double(try r.uintLE(2)) * 0.036
        position.courseDeg = Double(try r.uintLE(2)) / 10
        let flags = try r.u8()
        position.latitude = flags & 0x02 == 0 ? -latitude : latitude
        position.longitude = flags & 0x01 == 0 ? -longitude : longitude
        position.valid = flags & 0x0C != 0
        position.satellites = UInt32(flags >> 4)
        return position
    }

    /// A position of a report without a fix: no location, at the reception time.
    static func unlocated(deviceId: String, protocolName: String, timeMs: Int64) -> Position {
        Position.stub(deviceId: deviceId, protocolName: protocolName, timeMs: timeMs)
    }
}
