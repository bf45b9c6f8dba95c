import TrackwireProtocol

/// SC units (versions 3 and 4): reports of fixes after a statistics block, and reports of OBD
/// data, trouble codes, cells and query results that only carry statistics (docs/protocols/castel.md
/// "SC position data").
struct CastelSCDecoder {
    let protocolName: String
    let deviceId: String
    let receivedAtMs: Int64

    /// Packet types whose data is a statistics block and a list of fixes.
    static let fixReports: Set<UInt16> = [0x1001, 0x1002, 0x4001, 0x4007, 0x400E, 0x401F, 0xB001]

    func decode(_ frame: CastelFrame) throws(DecodeError) -> Decoded {
        var r = frame.dataReader()
        switch frame.type {
        case 0x1003: return Decoded(kind: .heartbeat, deviceId: deviceId)
        case let type where Self.fixReports.contains(type): return try fixReport(type, &r)
        case 0x4009, 0x5101:
            if frame.type == 0x4009 { try r.skip(4) }  // device time
            return .reporting([try CastelFix.read(&r, deviceId: deviceId, protocolName: protocolName)], deviceId: deviceId)
        case 0x4002, 0x4005, 0x4006, 0x400B, 0x4008: return try statisticsReport(frame.type, &r)
        case 0xA002: return try queryResponse(&r)
        default: throw DecodeError("unsupported", "Castel SC packet type 0x\(HexText.lowercase(bigEndianBytes(frame.type)))")
        }
    }

    /// The optional prefix (historical flag, index, alarm index), statistics, fixes, then what the
    /// type adds: alarms (0x4007), fuel (0x400E) or TLVs (0x401F).
    private func fixReport(_ type: UInt16, _ r: inout ByteReader) throws(DecodeError) -> Decoded {
        try r.skip(Self.prefixSize(type))
        let statistics = try CastelStatistics(&r)
        var positions = try (0..<Int(try r.u8())).map { _ throws(DecodeError) in try CastelFix.read(&r, deviceId: deviceId, protocolName: protocolName) }
        var extra: [String: AttributeValue] = [:]
        statistics.apply(to: &extra, alarms: false)
        switch type {
        case 0x4007: try CastelAlarms.read(&r, into: &extra)
        case 0x401F: try Self.readTLVs(&r, into: &extra)
        default: break
        }
        for index in positions.indices {
            var attributes = extra
            if type == 0x400E, r.remaining >= 2 { attributes["adc1"] = .int(try r.uintLE(2)) }
            positions[index].attributes = attributes
        }
        let kind: FrameKind = type == 0x1001 ? .login : positions.isEmpty ? .other : extra["alarm"] != nil ? .alarm : .position
        return .reporting(positions, kind: kind, deviceId: deviceId)
    }

    /// Historical flag in 0x4001/0x401F, an index in 0x401F, the alarm index in 0x4007.
    static func prefixSize(_ type: UInt16) -> Int {
        switch type {
        case 0x4001: 1
        case 0x401F: 1 + 4
        case 0x4007: 4
        default: 0
        }
    }

    /// `tag (2) length (2) value` entries; tag 0x21 is the battery in 0.01 V.
    private static func readTLVs(_ r: inout ByteReader, into attributes: inout [String: AttributeValue]) throws(DecodeError) {
        while r.remaining >= 4 {
            let tag = try r.uintLE(2)
            let length = Int(try r.uintLE(2))
            let value = try r.read(min(length, r.remaining))
            if tag == 0x21, value.count == 2 { attributes["battery"] = .double(Double(UInt16(value.first!) | UInt16(value.last!) << 8) / 100) }
        }
    }

    /// Statistics, then OBD values (0x4002 with sample rate and groups, 0x4005), trouble codes
    /// (0x4006, 0x400B) or a cell (0x4008), at the last known location, which Trackwire leaves empty.
    private func statisticsReport(_ type: UInt16, _ r: inout ByteReader) throws(DecodeError) -> Decoded {
        var attributes: [String: AttributeValue] = [:]
        try CastelStatistics(&r).apply(to: &attributes, alarms: true)
        switch type {
        case 0x4002:
            try r.skip(2)  // sample rate
            try CastelOBD.readValues(&r, groups: true, into: &attributes)
        case 0x4005:
            try r.skip(1)  // flag
            try CastelOBD.readValues(&r, groups: false, into: &attributes)
        case 0x4006, 0x400B:
            try r.skip(1)  // flag
            try CastelOBD.readCodes(&r, into: &attributes)
        default:
            try r.skip(4)  // LAC, CID
        }
        var position = CastelFix.unlocated(deviceId: deviceId, protocolName: protocolName, timeMs: receivedAtMs)
        position.attributes = attributes
        return .reporting([position], kind: .status, deviceId: deviceId)
    }

    /// A query's answers: index, counts, failed tags, then (tag, length, text) per answer, the
    /// last one kept as the result.
    private func queryResponse(_ r: inout ByteReader) throws(DecodeError) -> Decoded {
        try r.skip(2 + 1 + 1)  // index, response count, response index
        try r.skip(Int(try r.u8()) * 2)  // failed tags
        var result: String?
        for _ in 0..<Int(try r.u8()) {
            try r.skip(2)  // tag
            result = Latin1.string(try r.read(Int(try r.uintLE(2))))
        }
        guard let result else { return Decoded(kind: .commandReply, deviceId: deviceId) }
        var position = CastelFix.unlocated(deviceId: deviceId, protocolName: protocolName, timeMs: receivedAtMs)
        position.attributes = ["result": .string(result)]
        return Decoded(kind: .commandReply, deviceId: deviceId, positions: [position], events: [DeviceEvents.commandResult(.string(result), position: position)])
    }
}
