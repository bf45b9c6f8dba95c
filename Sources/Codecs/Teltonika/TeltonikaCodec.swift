import TrackwireProtocol

/// Teltonika FM/FMB/GH trackers over TCP (IMEI handshake, then AVL packets) and UDP (self-identifying
/// datagrams). Options: `Extended` (`true`: records carry a 16-byte IO group) and `ModelOverride`
/// (the device model, e.g. `FMB130`, which unlocks model-specific IO names).
public struct TeltonikaCodec: DeviceCodec, CommandEncoding {

    /// The codec; it holds no state.
    public init() {}

    /// A `TeltonikaFramer` for one TCP connection.
    public func makeFramer() -> any Framer { TeltonikaFramer() }

    /// Identifies IMEI packets and UDP datagrams and gives the ack: `01` for the IMEI, the record
    /// count as 4 bytes over TCP, `0005 0000 01 <AVL packet id> <count>` over UDP, nothing for
    /// keep-alives and codec 12/13 packets. Reports `bad_length` / `bad_crc` but still acks.
    public func examine(_ frame: [UInt8], context: SessionContext) -> Examination {
        guard let packet = try? TeltonikaPacket.parse(frame, transport: context.transport) else {
            return Examination(problem: "bad_length")
        }
        switch packet {
        case .keepAlive:
            return Examination(forward: false)
        case .identification(let imei):
            return Examination(deviceId: imei, reply: [0x01], storesData: false)
        case .data(let data):
            return Examination(deviceId: data.imei, reply: Self.ack(data, transport: context.transport), problem: data.problem)
        }
    }

    /// Decodes IMEI packets (`.login`), keep-alives (`.heartbeat`), AVL packets (`.position`) and
    /// codec 12/13 replies (`.commandReply`); AVL packets over TCP need the session's IMEI.
    public func decode(_ frame: [UInt8], context: DecodeContext) throws -> Decoded {
        try TeltonikaDecoder(protocolName: name).decode(frame, context: context)
    }

    private static func ack(_ packet: TeltonikaDataPacket, transport: Transport) -> [UInt8]? {
        guard !packet.isCommandPacket else { return nil }
        guard transport == .udp else { return [0, 0, 0, packet.count] }
        return [0x00, 0x05, 0x00, 0x00, 0x01, packet.avlPacketId ?? 0, packet.count]
    }
}
