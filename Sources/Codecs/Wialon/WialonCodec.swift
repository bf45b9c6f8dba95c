import TrackwireProtocol

/// Wialon IPS 1.1 / 2.0 (docs/protocols/wialon.md): text lines over TCP after a `#L#` login, or
/// datagrams carrying their IMEI over UDP; short (`#SD#`), extended (`#D#`) and batch (`#B#`)
/// records, pings and messages. The IPS 2.0 CRC is ignored, as Traccar does.
public struct WialonCodec: DeviceCodec, CommandEncoding {
    /// The codec; it holds no state.
    public init() {}

    /// A `WialonFramer` for one TCP connection.
    public func makeFramer() -> any Framer { WialonFramer() }

    /// Names the device (login IMEI or datagram prefix) and gives Traccar's reply: `#AL#1`,
    /// `#AP#`, `#AD#1` for a record that decodes, `#AB#<records>`, `#AM#1`.
    public func examine(_ bytes: [UInt8], context: SessionContext) -> Examination {
        guard let message = try? WialonMessage(bytes) else { return Examination(problem: "malformed") }
        switch message.type {
        case "L": return Examination(deviceId: message.loginImei, reply: Self.reply("AL#1"), storesData: false)
        case "P": return Examination(deviceId: message.imei, reply: Self.reply("AP#"), storesData: false)
        case "SD", "D":
            let decodes = (try? WialonRecord.decode(message.data, receivedAtMs: context.receivedAtMs)) != nil
            return Examination(deviceId: message.imei, reply: decodes ? Self.reply("AD#1") : nil)
        case "B": return Examination(deviceId: message.imei, reply: Self.reply("AB#\(message.batch.count)"))
        case "M": return Examination(deviceId: message.imei, reply: Self.reply("AM#1"))
        default: return Examination(deviceId: message.imei)
        }
    }

    /// Decodes one message: logins (`.login`), pings (`.heartbeat`), records, batches (each
    /// position `archive`) and messages (`result`). Records need the datagram's IMEI or the
    /// session's device.
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws -> Decoded {
        let message = try WialonMessage(bytes)
        switch message.type {
        case "L":
            guard let imei = message.loginImei else { throw DecodeError("malformed", "Wialon login without an IMEI") }
            return Decoded(kind: .login, deviceId: imei)
        case "P": return Decoded(kind: .heartbeat, deviceId: message.imei ?? context.deviceId)
        case "SD", "D": return try report([WialonRecord.decode(message.data, receivedAtMs: context.receivedAtMs)], message, context)
        case "B": return try report(batch(message, context), message, context)
        case "M":
            var draft = PositionDraft()
            draft["result"] = .string(String(message.data))
            return try report([draft], message, context, kind: .commandReply)
        default: throw DecodeError("unsupported", "Wialon message type #\(message.type.prefix(8))#")
        }
    }

    /// A batch's records, each marked `archive`; records that do not decode are left out, as
    /// Traccar does, but a batch with none is refused.
    private func batch(_ message: WialonMessage, _ context: DecodeContext) throws(DecodeError) -> [PositionDraft] {
        let drafts = message.batch.compactMap { try? WialonRecord.decode($0, receivedAtMs: context.receivedAtMs) }.map { draft in
            var draft = draft
            draft["archive"] = .bool(true)
            return draft
        }
        guard !drafts.isEmpty else { throw DecodeError("malformed", "Wialon batch without a readable record") }
        return drafts
    }

    private func report(_ drafts: [PositionDraft], _ message: WialonMessage, _ context: DecodeContext, kind: FrameKind = .position) throws(DecodeError) -> Decoded {
        guard let deviceId = message.imei ?? context.deviceId else {
            throw DecodeError("unidentified", "Wialon #\(message.type)# before the #L# login")
        }
        return .reporting(drafts, kind: kind, deviceId: deviceId, protocolName: Self.descriptor.name, fallbackTimeMs: context.receivedAtMs)
    }

    /// `#<text>\r\n`.
    private static func reply(_ text: String) -> [UInt8] { Array("#\(text)\r\n".utf8) }
}
