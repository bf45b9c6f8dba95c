import TrackwireProtocol

/// Meitrack (MT90, T1, T333, MVT…): text `AAA` reports and binary `CCC`/`CCE` reports, each frame
/// carrying the IMEI and a sum-mod-256 checksum (docs/protocols/meitrack.md). No login.
///
/// Options: `ModelOverride` selects the model-specific scaling of hex battery/power values in
/// `AAA`; `Alternative=true` makes arm/disarm use `B21` instead of `C01`.
public struct MeitrackCodec: DeviceCodec, CommandEncoding {

    /// A stateless codec; options arrive with each context.
    public init() {}

    /// Cuts frames by the `$$` length field.
    public func makeFramer() -> any Framer { MeitrackFramer() }

    /// The IMEI, the reply Traccar sends (`CCC` count, `AAC`, photo requests), and `bad_checksum` or
    /// `bad_length` when the trailer or the length field disagree with the bytes.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        guard let parsed = try? MeitrackFrame(frame) else { return Examination(problem: "malformed") }
        let problem: String? = !parsed.checksumMatches ? "bad_checksum"
            : parsed.declaredLength != frame.count ? "bad_length" : nil
        return Examination(deviceId: parsed.imei, reply: MeitrackReplies.reply(to: parsed), problem: problem)
    }

    /// `AAA` → one position, `CCC`/`CCE` → one per record, `D82` → a command result; acks and
    /// photo transfer are recognised without positions.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        let parsed = try MeitrackFrame(frame)
        let imei = parsed.imei
        switch parsed.command {
        case "CCC":
            return .reporting(try MeitrackCCCDecoder(protocolName: name).decode(parsed), deviceId: imei)
        case "CCE":
            let decoder = MeitrackCCEDecoder(protocolName: name, fallbackTimeMs: context.receivedAtMs)
            return .reporting(try decoder.decode(parsed), deviceId: imei)
        case "D82":
            return .commandResult(parsed.command + "," + parsed.dataText, deviceId: imei, timeMs: context.receivedAtMs)
        case "AAC", "D00", "D03":
            // Acknowledgement and photo transfer: replied to in `examine`; photos are not assembled.
            return Decoded(kind: .other, deviceId: imei)
        default:
            return try decodeText(parsed, context: context)
        }
    }

    /// `position_single`, `engine_stop`/`engine_resume`, `alarm_arm`/`alarm_disarm`,
    /// `request_photo`, `send_sms` and `custom`.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        try MeitrackCommandEncoder().encode(command, context: context)
    }

    /// `AAA` and its variants; any other command that does not parse as one is unsupported.
    private func decodeText(_ frame: MeitrackFrame, context: DecodeContext) throws -> Decoded {
        let decoder = MeitrackTextDecoder(protocolName: name, model: Self.modelOverride.text(in: context.options) ?? "")
        let position: Position
        if frame.command == "AAA" {
            position = try decoder.decode(frame)
        } else if let parsed = try? decoder.decode(frame) {
            position = parsed
        } else {
            throw DecodeError("unsupported", "Meitrack \(frame.command) command that does not read as a report")
        }
        return .reporting([position], kind: position.attributes["alarm"] == nil ? .position : .alarm, deviceId: frame.imei)
    }
}
