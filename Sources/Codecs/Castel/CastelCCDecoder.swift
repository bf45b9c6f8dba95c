import TrackwireProtocol

/// CC units (any version but 3 and 4) and MPIP units (`$$` packets): logins and heartbeats that
/// carry fixes, and MPIP position reports (docs/protocols/castel.md).
struct CastelCCDecoder {
    let protocolName: String
    let deviceId: String

    /// CC 0x4001 login: one fix and its status; 0x4206 heartbeat: a history flag, then fixes
    /// with status and a cell each.
    func decodeCC(_ frame: CastelFrame) throws(DecodeError) -> Decoded {
        var r = frame.dataReader()
        switch frame.type {
        case 0x4001:
            return .reporting([try fixWithStatus(&r)], kind: .login, deviceId: deviceId)
        case 0x4206:
            try r.skip(1)  // history flag
            let positions = try (0..<Int(try r.u8())).map { _ throws(DecodeError) in
                let position = try fixWithStatus(&r)
                try r.skip(4)  // LAC, CID
                return position
            }
            return .reporting(positions, kind: .heartbeat, deviceId: deviceId)
        default:
            throw DecodeError("unsupported", "Castel CC packet type 0x\(HexText.lowercase(bigEndianBytes(frame.type)))")
        }
    }

    /// MPIP: 0x4001, 0x4201, 0x4202 and 0x4206 are one fix; 0x2001 adds an index, a time and a
    /// byte before it; 0x4204 holds eight fixes of 50 bytes.
    func decodeMPIP(_ frame: CastelFrame) throws(DecodeError) -> Decoded {
        var r = frame.dataReader()
        switch frame.type {
        case 0x4001, 0x4201, 0x4202, 0x4206:
            return .reporting([try fix(&r)], kind: frame.type == 0x4001 ? .login : .position, deviceId: deviceId)
        case 0x2001:
            try r.skip(4 + 4 + 1)  // index, unix time, a flag
            return .reporting([try fix(&r)], kind: .login, deviceId: deviceId)
        case 0x4204:
            let positions = try (0..<8).map { _ throws(DecodeError) in
                let position = try fix(&r)
                try r.skip(31)
                return position
            }
            return .reporting(positions, deviceId: deviceId)
        default:
            throw DecodeError("unsupported", "Castel MPIP packet type 0x\(HexText.lowercase(bigEndianBytes(frame.type)))")
        }
    }

    private func fix(_ r: inout ByteReader) throws(DecodeError) -> Position {
        try CastelFix.read(&r, deviceId: deviceId, protocolName: protocolName)
    }

    /// A fix, the status word, battery, odometer and three bytes of geofence and flags.
    private func fixWithStatus(_ r: inout ByteReader) throws(DecodeError) -> Position {
        var position = try fix(&r)
        position.attributes = [
            "status": .int(try r.uintLE(4)),
            "battery": .int(try r.u8()),
            "odometer": .int(try r.uintLE(4)),
        ]
        try r.skip(3)  // geofence id, geofence flags, additional flags
        return position
    }
}
