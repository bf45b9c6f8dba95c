import TrackwireProtocol

/// A `(…)` ASCII line on a JT808 connection (docs/protocols/jt808.md "Framing"): `BASE,2` time
/// requests are echoed with `TIME` replaced by the server's UTC `yyyyMMddHHmmss`; any other line
/// is the answer to a command.
struct JT808TextLine {
    let text: String

    init(_ bytes: [UInt8]) { text = Latin1.string(bytes) }

    /// Whether the line asks for the server's time.
    var isTimeRequest: Bool { text.contains("BASE,2") }

    /// The echo of a time request (only with the gateway's clock); nothing for other lines.
    func examination(receivedAtMs: Int64) -> Examination {
        guard isTimeRequest else { return Examination() }
        let reply = receivedAtMs > 0 ? Array(text.replacing("TIME", with: TextProto.stamp(receivedAtMs)).utf8) : nil
        return Examination(reply: reply, storesData: false)
    }

    /// A time request is nothing to store; any other line is a command result of the session's device.
    func decoded(context: DecodeContext) throws(DecodeError) -> Decoded {
        if isTimeRequest { return Decoded(kind: .other, deviceId: context.deviceId) }
        guard let deviceId = context.deviceId else { throw DecodeError("unidentified", "JT808 text line before the terminal identified itself") }
        var draft = PositionDraft()
        draft["result"] = .string(text)
        return .reporting([draft], kind: .commandReply, deviceId: deviceId, protocolName: JT808Codec.descriptor.name, fallbackTimeMs: context.receivedAtMs)
    }
}
