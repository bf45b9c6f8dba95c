import TrackwireProtocol

/// Queclink GL200 family ("@Track"): `+RESP:`/`+BUFF:`/`+ACK:` text reports and the binary
/// ("HEX" and Protocol Pro) variant, on TCP and UDP (docs/protocols/gl200.md). Every report names its
/// device by IMEI; there is no login.
///
/// Options: `ModelOverride` names the model when the protocol version cannot (see `GL200Models`);
/// `Ack=true` answers every text report with `+SACK:<count>$` (Traccar's `gl200.ack`).
public struct GL200Codec: DeviceCodec, CommandEncoding {
    /// The name in topics and fixtures.
    public static var protocolName: String { descriptor.name }
    /// The option that turns on `+SACK:<count>$` replies to every text report.
    public static let ackOption = "Ack"

    /// The codec has no configuration of its own: options come with each context.
    public init() {}

    /// A framer for one TCP connection (`$`-terminated text and length-prefixed binary frames).
    public func makeFramer() -> any Framer { GL200Framer() }

    /// The IMEI the frame names and the reply: `+SACK:GTHBD,<version>,<count>$` for a heartbeat,
    /// plus `+SACK:<count>$` for every text report when `Ack=true`. Binary frames get no reply;
    /// one whose length field disagrees with its size (a cut datagram) is `bad_length`.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        if let kind = GL200BinaryFrame(frame) {
            let problem = kind.declaredLength(in: frame) == frame.count ? nil : "bad_length"
            return Examination(deviceId: kind.imei(in: frame), problem: problem)
        }
        guard let sentence = GL200Sentence(frame) else { return Examination() }
        var reply: [UInt8] = []
        if sentence.isAck, sentence.fields.count > 2, sentence.fields[0] == "+ACK:GTHBD" {
            reply += Array("+SACK:GTHBD,\(sentence.version),\(sentence.countNumber)$".utf8)
        }
        if Self.ack.isOn(in: context.options) {
            reply += Array("+SACK:\(sentence.countNumber)$".utf8)
        }
        return Examination(deviceId: sentence.imei, reply: reply.isEmpty ? nil : reply)
    }

    /// Positions and events from a text report or a binary frame; see `GL200TextDecoder` and
    /// `GL200BinaryDecoder`.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        if let kind = GL200BinaryFrame(frame) {
            return try GL200BinaryDecoder.decode(frame, kind: kind, context: context)
        }
        return try GL200TextDecoder.decode(frame, context: context)
    }

    /// The `AT+GT...$` line for `command`; see `GL200CommandEncoder` for the types.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        try GL200CommandEncoder.encode(command)
    }
}
