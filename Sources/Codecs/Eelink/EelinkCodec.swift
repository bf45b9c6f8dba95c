import TrackwireProtocol

/// Eelink trackers (docs/protocols/eelink.md): `67 67` packets over TCP after a 0x01 login, or
/// `EL` datagrams naming the IMEI over UDP; every packet but old GPS reports and data is acked.
/// No checksum over TCP; the UDP envelope's checksum is reported, not enforced.
public struct EelinkCodec: DeviceCodec, CommandEncoding {
    /// The codec; it holds no state.
    public init() {}

    /// Cuts `67 67` packets by their length.
    public func makeFramer() -> any Framer { EelinkFramer() }

    /// The IMEI of a login or datagram, the acks Traccar sends (before the device is looked up),
    /// and `bad_length` / `bad_checksum`. A frame of logins alone stores nothing.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        let parsed: EelinkFrame
        do { parsed = try EelinkFrame(frame) } catch { return Examination(problem: error.errorType) }
        let loginsOnly = parsed.packets.allSatisfy { $0.type == EelinkPacketType.login }
        return Examination(deviceId: parsed.deviceId, reply: parsed.reply(serverTimeMs: context.receivedAtMs), problem: parsed.problem,
                           storesData: !loginsOnly)
    }

    /// Each packet's positions and events; a login gives `.login`. Packets over TCP need the
    /// session's device; a frame whose packets are all of unknown types is unsupported.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        let parsed = try EelinkFrame(frame)
        let decoder = EelinkDecoder(protocolName: name, deviceId: parsed.deviceId ?? context.deviceId, receivedAtMs: context.receivedAtMs)
        var decoded: Decoded?
        var refusal: DecodeError?
        for packet in parsed.packets {
            do {
                let part = try decoder.decode(packet)
                decoded = decoded.map { Decoded(kind: $0.kind, deviceId: $0.deviceId, positions: $0.positions + part.positions, events: $0.events + part.events) } ?? part
            } catch {
                refusal = refusal ?? error
            }
        }
        guard var result = decoded else { throw refusal ?? DecodeError("unsupported", "Eelink frame without packets") }
        result.deviceId = parsed.deviceId
        return result
    }

    /// `engine_stop`, `engine_resume`, `position_single`, `reboot` and `custom`, as 0x80 text packets.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        try EelinkCommandEncoder.encode(command, context: context)
    }
}
