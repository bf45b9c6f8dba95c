import TrackwireProtocol

/// Decodes binary ("HEX") frames: `+RSP` position reports, `+EVT` events, `+INF` information,
/// heartbeats, logins and acknowledgements (Traccar's `Gl200BinaryProtocolDecoder`), and Protocol
/// Pro reports. The binary protocol is never answered.
///
/// Where Traccar and the vendor layout disagree the vendor layout wins: the unique id is decoded as
/// an IMEI (two digits per byte), speed is whole km/h plus a tenths byte, power is in volts.
enum GL200BinaryDecoder {
    static func decode(_ frame: [UInt8], kind: GL200BinaryFrame, context: DecodeContext) throws(DecodeError) -> Decoded {
        guard kind != .other else { throw DecodeError("unsupported", "binary GL200 frame of an unknown type") }
        guard let deviceId = kind.imei(in: frame) ?? context.deviceId else {
            throw DecodeError("unidentified", "binary GL200 frame without an IMEI before identification")
        }
        let output = GL200Output(deviceId: deviceId, context: context)
        switch kind {
        case .report: return output.decoded(try GL200BinaryReports.positions(frame), kind: .position)
        case .event: return output.decoded([try GL200BinaryReports.event(frame)], kind: .position)
        case .information: return output.decoded([try information(frame)], kind: .status)
        case .pro: return output.decoded(try GL200ProDecoder.records(frame), kind: .position)
        case .heartbeat: return Decoded(kind: .heartbeat, deviceId: deviceId)
        case .login: return Decoded(kind: .login, deviceId: deviceId)
        case .acknowledgement, .other: return Decoded(kind: .commandReply, deviceId: deviceId)
        }
    }

    /// `+INF`: the firmware version and the send time. The body between them differs by model and
    /// Traccar's layout does not line up with real frames, so nothing else is taken.
    private static func information(_ frame: [UInt8]) throws(DecodeError) -> GL200Record {
        var reader = ByteReader(frame, offset: 20)
        var record = GL200Record()
        record.set("versionFw", .string(String(try reader.u16())))
        record.deviceTimeMs = try GL200BinaryReports.trailingSendTime(frame)
        return record
    }
}

/// `+RSP` and `+EVT` bodies.
enum GL200BinaryReports {
    static let lastKnownCellBased = 3 // GTLCB: a phone number precedes the positions
    static let geofence = 8
    static let compressed = 100

    /// `+RSP`: header, battery, power, then one or more positions (or a compressed track).
    static func positions(_ frame: [UInt8]) throws(DecodeError) -> [GL200Record] {
        var r = ByteReader(frame, offset: 4)
        let type = try r.u8()
        try r.skip(4 + 2 + 1 + 2 + 2 + 8) // mask, length, device type, protocol, firmware, unique id
        var template = GL200Record()
        template.set("batteryLevel", int: Int(try r.u8()))
        template.set("power", double: Double(try r.u16()) / 1000)
        if type == geofence { try r.skip(2) }
        try r.skip(1) // motion status
        template.satellites = Int(try r.u8())
        if type == compressed { return try GL200CompressedTrack.read(&r) }
        try r.skip(1) // report index
        if type == lastKnownCellBased { try skipPhoneNumber(&r) }
        var records: [GL200Record] = []
        let count = try r.u8()
        for _ in 0..<count {
            var record = template
            try readPosition(&r, into: &record)
            records.append(record)
        }
        return records
    }

    /// A length byte, then BCD digits up to the byte holding an F nibble.
    private static func skipPhoneNumber(_ r: inout ByteReader) throws(DecodeError) {
        try r.skip(1)
        while true {
            let byte = try r.u8()
            if byte & 0x0F == 0x0F || byte & 0xF0 == 0xF0 { return }
        }
    }

    /// `+EVT`: header, battery, power, type-specific fields, one position.
    static func event(_ frame: [UInt8]) throws(DecodeError) -> GL200Record {
        var r = ByteReader(frame, offset: 4)
        let type = try r.u8()
        try r.skip(4 + 2 + 1 + 2) // mask, length, device type, protocol
        var record = GL200Record()
        record.set("versionFw", .string(String(try r.u16())))
        try r.skip(8) // unique id
        record.set("batteryLevel", int: Int(try r.u8()))
        record.set("power", double: Double(try r.u16()) / 1000)
        try r.skip(1) // motion status
        record.satellites = Int(try r.u8())
        try r.skip(eventFieldsLength[Int(type)] ?? 0)
        try r.skip(1) // count
        try readPosition(&r, into: &record)
        return record
    }

    /// Bytes each event type inserts before the position (BPL, VGN/VGF, UPD, IDF, GSS, GES, GPJ,
    /// RMD, JDS, CRA, UPC).
    static let eventFieldsLength: [Int: Int] = [6: 2, 45: 7, 46: 7, 15: 3, 17: 4, 21: 5, 26: 12, 31: 2, 35: 1, 33: 1, 23: 1, 34: 3]

    /// Accuracy, speed, azimuth, altitude, longitude, latitude, UTC time, cell, reserved.
    private static func readPosition(_ r: inout ByteReader, into record: inout GL200Record) throws(DecodeError) {
        let hdop = try r.u8()
        record.hdop = Double(hdop)
        record.speedKmh = Double(try r.u16()) + Double(try r.u8()) / 10
        record.courseDeg = Double(try r.u16())
        record.altitudeM = Double(try r.i16())
        let longitude = Double(try r.i32()) / 1_000_000
        let latitude = Double(try r.i32()) / 1_000_000
        record.fix = .init(latitude: latitude, longitude: longitude, timeMs: try time(&r), valid: hdop > 0)
        try r.skip(8 + 1) // MCC, MNC, LAC, cell id; reserved
    }

    /// `year(2) month day hour minute second`, UTC.
    static func time(_ r: inout ByteReader) throws(DecodeError) -> Int64 {
        let year = Int(try r.u16()), month = Int(try r.u8()), day = Int(try r.u8())
        let hour = Int(try r.u8()), minute = Int(try r.u8()), second = Int(try r.u8())
        guard let ms = UTCTime.milliseconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else {
            throw DecodeError("bad_time", "invalid binary time \(year)-\(month)-\(day)")
        }
        return ms
    }

    /// The send time every HEX frame ends with: `time(7) count(2) checksum(2) CR LF`.
    static func trailingSendTime(_ frame: [UInt8]) throws(DecodeError) -> Int64 {
        var r = ByteReader(frame, offset: max(0, frame.count - 13))
        return try time(&r)
    }
}
