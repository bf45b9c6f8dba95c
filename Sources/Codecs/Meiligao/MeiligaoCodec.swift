import TrackwireProtocol

/// Meiligao trackers (docs/protocols/meiligao.md): `$$` packets whose BCD id names the device,
/// an NMEA-like text inside, CRC-16/CCITT-FALSE and a length field many devices get wrong (both
/// reported, not enforced). Logins and heartbeats are answered; positions are not.
public struct MeiligaoCodec: DeviceCodec, CommandEncoding {
    /// The codec; it holds no state.
    public init() {}

    /// Cuts `$$` packets by their length, or at `0D 0A` where the length is wrong.
    public func makeFramer() -> any Framer { MeiligaoFramer() }

    /// The id, Traccar's reply and `bad_length` / `bad_crc`. Logins, heartbeats and photo
    /// transfers store nothing.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        let parsed: MeiligaoFrame
        do { parsed = try MeiligaoFrame(frame) } catch { return Examination(problem: error.errorType) }
        return Examination(deviceId: parsed.deviceId, reply: MeiligaoReplies.reply(to: parsed), problem: parsed.problem,
                           storesData: !MeiligaoCommand.linkOnly.contains(parsed.command))
    }

    /// Positions and events by command; the CRC is not checked, as in Traccar.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        let parsed = try MeiligaoFrame(frame)
        let deviceId = parsed.deviceId
        guard !deviceId.isEmpty else { throw DecodeError("unidentified", "Meiligao packet whose id has no digits") }
        return try MeiligaoDecoder(protocolName: name, deviceId: deviceId, receivedAtMs: context.receivedAtMs).decode(parsed)
    }

    /// `position_single`, `position_periodic`, `engine_stop`/`engine_resume`, `alarm_geofence`,
    /// `set_timezone`, `request_photo` and `reboot`.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        try MeiligaoCommandEncoder.encode(command, context: context)
    }
}
