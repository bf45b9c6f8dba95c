import TrackwireProtocol

/// Castel OBD units (docs/protocols/castel.md): `@@` packets of SC (versions 3/4) and CC units and
/// `$$` packets of MPIP units, little-endian, each naming the device and checked by CRC-16/X-25
/// (reported, not enforced). Petrol control is the one command.
public struct CastelCodec: DeviceCodec, CommandEncoding {
    /// The codec; it holds no state.
    public init() {}

    /// Cuts `@@`/`$$` packets by their length field.
    public func makeFramer() -> any Framer { CastelFramer() }

    /// The id, Traccar's reply, `bad_length` / `bad_crc`; heartbeats and logins without a fix
    /// store nothing.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        let parsed: CastelFrame
        do { parsed = try CastelFrame(frame) } catch { return Examination(problem: error.errorType) }
        return Examination(deviceId: parsed.deviceId, reply: CastelReplies.reply(to: parsed, serverTimeMs: context.receivedAtMs),
                           problem: parsed.problem, storesData: Self.mayStoreData(parsed))
    }

    /// Positions and events by variant; the CRC is not checked, as in Traccar.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        let parsed = try CastelFrame(frame)
        let deviceId = parsed.deviceId
        guard !deviceId.isEmpty else { throw DecodeError("unidentified", "Castel packet with an empty device id") }
        switch parsed.variant {
        case .sc: return try CastelSCDecoder(protocolName: name, deviceId: deviceId, receivedAtMs: context.receivedAtMs).decode(parsed)
        case .cc: return try CastelCCDecoder(protocolName: name, deviceId: deviceId).decodeCC(parsed)
        case .mpip: return try CastelCCDecoder(protocolName: name, deviceId: deviceId).decodeMPIP(parsed)
        }
    }

    /// `engine_stop` and `engine_resume`: petrol control 0x4583 with data `01` / `00`.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        try CastelCommandEncoder.encode(command, context: context)
    }

    /// SC heartbeats carry nothing; SC logins only their fixes, whose count follows the statistics.
    private static func mayStoreData(_ frame: CastelFrame) -> Bool {
        guard frame.variant == .sc else { return true }
        if frame.type == 0x1003 { return false }
        guard frame.type == 0x1001 else { return true }
        let countAt = frame.dataStart + CastelStatistics.size
        return countAt < frame.bytes.count - CastelFrame.trailerSize && frame.bytes[countAt] > 0
    }
}
