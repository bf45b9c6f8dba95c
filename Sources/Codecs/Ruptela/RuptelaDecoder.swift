import TrackwireProtocol

/// Turns Ruptela packets into positions (docs/protocols/ruptela.md).
struct RuptelaDecoder {
    let packet: RuptelaPacket
    let receivedAtMs: Int64

    /// Decodes the packet under its IMEI.
    func decode() throws(DecodeError) -> Decoded {
        var reader = packet.dataReader()
        switch packet.command {
        case 1, 68: return report(try RuptelaRecordReader(extended: packet.command == 68).read(&reader))
        case 9: return report(try dtcs(&reader), kind: .status)
        case 15: return Decoded(kind: .login, deviceId: packet.imei)
        case 16: return Decoded(kind: .heartbeat, deviceId: packet.imei)
        case 36: return report([try driverRecord(&reader)], kind: .status)
        case 37: throw DecodeError("unsupported", "Ruptela file transfer chunk (photos are not stored)")
        case 2, 3, 4, 7, 17: return report([try commandAnswer(&reader)], kind: .commandReply)
        default: throw DecodeError("unsupported", "Ruptela command \(packet.command)")
        }
    }

    private func report(_ drafts: [PositionDraft], kind: FrameKind = .position) -> Decoded {
        .reporting(drafts, kind: kind, deviceId: packet.imei, protocolName: RuptelaCodec.descriptor.name, fallbackTimeMs: receivedAtMs)
    }

    /// 9: per code a reserved byte, time, longitude, latitude, archive flag and the 5-character code.
    private func dtcs(_ reader: inout ByteReader) throws(DecodeError) -> [PositionDraft] {
        var drafts: [PositionDraft] = []
        for _ in 0..<Int(try reader.u8()) {
            var d = PositionDraft()
            try reader.skip(1)
            d.timeMs = Int64(try reader.u32()) * 1000
            let longitude = Double(try reader.i32()) / 10_000_000
            d.setFix(latitude: Double(try reader.i32()) / 10_000_000, longitude: longitude, valid: true)
            if try reader.u8() == 2 { d["archive"] = .bool(true) }
            d["dtcs"] = .string(try reader.latin1(5))
            drafts.append(d)
        }
        return drafts
    }

    /// 36: a driver card read: sub-command, time, statuses, then three length-prefixed tracks.
    private func driverRecord(_ reader: inout ByteReader) throws(DecodeError) -> PositionDraft {
        var d = PositionDraft()
        try reader.skip(1)  // sub-command
        d.timeMs = Int64(try reader.u32()) * 1000
        try reader.skip(3)  // registration status, card status, track id
        var tracks: [String] = []
        for _ in 0..<3 { tracks.append(try reader.latin1(Int(try reader.u16()))) }
        d["driverUniqueId"] = .string(tracks.joined(separator: "|"))
        return d
    }

    /// Answers to configuration, version, firmware and SMS commands (text) and to set-IO (a byte).
    private func commandAnswer(_ reader: inout ByteReader) throws(DecodeError) -> PositionDraft {
        var d = PositionDraft()
        d["type"] = .int(packet.command)
        if packet.command == 17 {
            d["result"] = .string(String(try reader.u8()))
        } else {
            d["result"] = .string(try reader.latin1(max(0, reader.remaining - 2)).javaTrimmed)
        }
        return d
    }
}
