import TrackwireProtocol

/// CalAmp LM Direct over UDP (docs/protocols/calamp.md): one message per datagram, identified by
/// the mobile ID of its options header (or the session of its source address), acked with a
/// 10-byte response when it asks for one. No checksum, no commands.
public struct CalAmpCodec: DeviceCodec {
    /// The codec; it holds no state.
    public init() {}

    /// UDP only: a datagram is one message.
    public func makeFramer() -> any Framer { WholeMessageFramer() }

    /// The mobile ID and, for service type 1, Traccar's ack, given before the type is looked at.
    /// ID reports and the device's own acks carry nothing to store.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        let message: CalAmpMessage
        do { message = try CalAmpMessage(frame) } catch { return Examination(problem: error.errorType) }
        let storesData = message.type != .idReport && message.type != .ack
        return Examination(deviceId: message.mobileId, reply: message.ack, storesData: storesData)
    }

    /// Reports become one position each (user data: with its text as a command result); ID
    /// reports and acks decode to nothing; other types are unsupported.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        let message = try CalAmpMessage(frame)
        guard let deviceId = message.mobileId ?? context.deviceId else {
            throw DecodeError("unidentified", "CalAmp message without a mobile ID and no session for its address")
        }
        switch message.type {
        case .idReport?:
            return Decoded(kind: .login, deviceId: deviceId)
        case .ack?:
            return Decoded(kind: .other, deviceId: deviceId)
        case let type? where [.eventReport, .locateReport, .miniEventReport, .userData].contains(type):
            let position = try CalAmpReportDecoder(protocolName: name).decode(message, type: type, deviceId: deviceId)
            return Self.decoded(position, deviceId: deviceId)
        default:
            throw DecodeError("unsupported", "CalAmp message type \(message.rawType)")
        }
    }

    private static func decoded(_ position: Position, deviceId: String) -> Decoded {
        guard let result = position.attributes["result"] else { return Decoded(kind: .position, deviceId: deviceId, positions: [position]) }
        return Decoded(kind: .commandReply, deviceId: deviceId, positions: [position], events: [DeviceEvents.commandResult(result, position: position)])
    }
}
