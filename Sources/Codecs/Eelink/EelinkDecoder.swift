import TrackwireProtocol

/// Decodes one packet into what it reports (docs/protocols/eelink.md "Positions"). Positions
/// without a fix (heartbeats, OBD data, plain command results) have no location.
struct EelinkDecoder {
    let protocolName: String
    /// The device the frame or session names; `nil` before a TCP login.
    let deviceId: String?
    let receivedAtMs: Int64

    func decode(_ packet: EelinkPacket) throws(DecodeError) -> Decoded {
        if packet.type == EelinkPacketType.login {
            return Decoded(kind: .login, deviceId: deviceId)
        }
        guard let deviceId else { throw DecodeError("unidentified", "Eelink packet 0x\(hex(packet.type)) before the login") }
        var position = Position.stub(deviceId: deviceId, protocolName: protocolName, timeMs: receivedAtMs)
        var attributes: [String: AttributeValue] = [:]
        let kind = try read(packet, into: &position, &attributes)
        if kind == .commandReply, case .stringValue(let result)? = attributes["result"]?.kind {
            return .commandResult(result, deviceId: deviceId, timeMs: receivedAtMs)
        }
        position.deviceTimeMs = position.fixTimeMs
        position.attributes = attributes
        return .reporting([position], kind: attributes["alarm"] == nil ? kind : .alarm, deviceId: deviceId)
    }

    private func read(_ packet: EelinkPacket, into position: inout Position, _ attributes: inout [String: AttributeValue]) throws(DecodeError) -> FrameKind {
        var content = packet.content
        switch packet.type {
        case let type where EelinkPacketType.oldFormat.contains(type):
            attributes["index"] = .int(packet.serial)
            try EelinkOldFormatDecoder.decode(packet, into: &position, &attributes)
            return .position
        case let type where EelinkPacketType.newFormat.contains(type):
            attributes["index"] = .int(packet.serial)
            try EelinkNewFormatDecoder.decode(packet, into: &position, &attributes)
            return .position
        case EelinkPacketType.heartbeat where content.remaining >= 2, EelinkPacketType.obd where content.remaining == 4:
            EelinkStatus.apply(try content.u16(), to: &attributes)
            return packet.type == EelinkPacketType.heartbeat ? .heartbeat : .status
        case EelinkPacketType.heartbeat:
            return .heartbeat
        case EelinkPacketType.obd:
            try obd(&content, into: &position, &attributes)
            return .status
        case EelinkPacketType.downlink:
            attributes["index"] = .int(packet.serial)
            return try result(&content, into: &position, &attributes)
        default:
            throw DecodeError("unsupported", "Eelink packet type 0x\(hex(packet.type))")
        }
    }

    /// OBD data: a time, then (PID, 4-byte value) pairs; Traccar names fuel consumption, odometer (km) and fuel.
    private func obd(_ r: inout ByteReader, into position: inout Position, _ attributes: inout [String: AttributeValue]) throws(DecodeError) {
        position.fixTimeMs = Int64(try r.u32()) * 1000
        while r.remaining >= 5 {
            let pid = try r.u8()
            let value = Int64(try r.i32())
            switch pid {
            case 0x89: attributes["fuelConsumption"] = .int(value)
            case 0x8A: attributes["odometer"] = .int(value * 1000)
            case 0x8B: attributes["fuel"] = .int(value / 10)
            default: break
            }
        }
    }

    /// A command reply: type and server id, then text that is a fix (`.position`) or a result.
    private func result(_ r: inout ByteReader, into position: inout Position, _ attributes: inout [String: AttributeValue]) throws(DecodeError) -> FrameKind {
        try r.skip(1 + 4)  // type, server id
        let text = LenientUTF8.string(try r.read(r.remaining))
        guard let fix = EelinkResultText(text) else {
            attributes["result"] = .string(text)
            return .commandReply
        }
        position.latitude = fix.latitude
        position.longitude = fix.longitude
        position.courseDeg = fix.courseDeg
        position.speedKmh = fix.speedKmh
        position.fixTimeMs = fix.timeMs
        position.valid = true
        return .position
    }

    private func hex(_ byte: UInt8) -> String { HexText.lowercase([byte]) }
}
