import TrackwireProtocol

/// The 3G/SG/CS/ZJ kids' watch protocol `[MF*ID*LEN*TYPE,data]` (docs/protocols/watch.md): text with
/// escaped binary parts, the id in every frame, no checksum.
///
/// Frames on the bus keep their escaped wire form; `examine` and `decode` unescape. Command
/// options: `Manufacturer` (the tag the device uses; `3G` is answered as `SG`, default `CS`) and
/// `HasIndex=true` for devices that send an index field.
public struct WatchCodec: DeviceCodec, CommandEncoding {

    /// A stateless codec; options arrive with each context.
    public init() {}

    /// Cuts frames at the balancing `]`.
    public func makeFramer() -> any Framer { WatchFramer() }

    /// The device id and the reply Traccar sends (LK, INIT, AL…, TKQ, JXTK). LEN is not checked:
    /// firmware of several vendors sends it 3 or 8 bytes short, and Traccar never reads it.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        guard let parsed = try? WatchFrame(frame) else { return Examination(problem: "malformed") }
        let reply = Self.replyContent(type: parsed.type).map {
            WatchFrame.encode(manufacturer: parsed.manufacturer, id: parsed.id, index: parsed.index,
                              length: $0.utf8.count, content: Array($0.utf8))
        }
        return Examination(deviceId: parsed.id, reply: reply)
    }

    /// `UD*`/`WT*` → a position, `AL*` → an alarm position, `LK` and health readings → a position
    /// without a fix of its own; other known types without positions.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        let parsed = try WatchFrame(frame)
        let type = parsed.type
        let status = WatchStatusDecoder(protocolName: name, receivedAtMs: context.receivedAtMs)
        if type.hasPrefix("UD") || type.hasPrefix("AL") || type.hasPrefix("WT") {
            var position = try WatchPositionDecoder(protocolName: name).decode(parsed)
            let isAlarm = type.hasPrefix("AL")
            if isAlarm, position.attributes["alarm"] == nil { position.setAlarm("general") }
            return .reporting([position], kind: isAlarm ? .alarm : .position, deviceId: parsed.id)
        }
        switch type.lowercased() {
        case "lk": return Self.decoded(status.link(parsed), kind: .heartbeat, id: parsed.id)
        case "pulse", "heart", "blood", "bphrt", "temp", "btemp2", "oxygen":
            return Self.decoded(status.health(parsed), kind: .status, id: parsed.id)
        case "tk": return Self.decoded(status.voice(parsed), kind: .other, id: parsed.id)
        case "init", "tkq", "tkq2", "jxtk", "img":
            // Answered in `examine`; multi-frame voice (JXTK) and photos are not assembled.
            return Decoded(kind: .other, deviceId: parsed.id)
        default: throw DecodeError("unsupported", "watch \(type) message")
        }
    }

    /// The commands of Traccar's watch encoder, in snake_case (`position_single`, `sos_number`,
    /// `set_timezone`, `voice_message`, `reboot`, ...).
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        try WatchCommandEncoder().encode(command, context: context)
    }

    /// What Traccar answers to each message type, if anything.
    static func replyContent(type: String) -> String? {
        switch type {
        case "LK": "LK"
        case "INIT": "INIT,1"
        case "TKQ", "TKQ2": type
        case "JXTK": "JXTKR,1"
        default: type.hasPrefix("AL") ? "AL" : nil
        }
    }

    private static func decoded(_ position: Position?, kind: FrameKind, id: String) -> Decoded {
        guard let position, !position.attributes.isEmpty else { return Decoded(kind: kind, deviceId: id) }
        return .reporting([position], kind: kind, deviceId: id)
    }
}
