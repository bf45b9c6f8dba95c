import TrackwireProtocol

/// Ruptela FM-Eco / FM-Pro / Trace trackers (docs/protocols/ruptela.md): length-framed packets
/// carrying their IMEI, records (type 1 and extended 68) with IO groups, DTCs, identification
/// and heartbeats, file transfers and command answers; commands travel as server packets.
public struct RuptelaCodec: DeviceCodec, CommandEncoding {
    /// The codec; it holds no state.
    public init() {}

    /// A `RuptelaFramer` for one TCP connection.
    public func makeFramer() -> any Framer { RuptelaFramer() }

    /// Names the IMEI and gives Traccar's reply: the constant acks of records, DTCs,
    /// identification, heartbeats and driver records, and the request for the next file chunk.
    /// Reports `bad_length` / `bad_crc` but still replies.
    public func examine(_ bytes: [UInt8], context: SessionContext) -> Examination {
        guard let packet = try? RuptelaPacket(bytes) else { return Examination(problem: "bad_length") }
        var examination = Examination(deviceId: packet.imei, reply: Self.reply(to: packet), problem: packet.problem)
        examination.storesData = ![15, 16, 37].contains(packet.command)
        return examination
    }

    /// Decodes one packet; file chunks (photos are not stored) and unknown commands are refused.
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws -> Decoded {
        try RuptelaDecoder(packet: try RuptelaPacket(bytes), receivedAtMs: context.receivedAtMs).decode()
    }

    private static func reply(to packet: RuptelaPacket) -> [UInt8]? {
        switch packet.command {
        case 1, 68: return RuptelaPacket.server(type: 0, content: [1])
        case 9, 15, 16, 36: return RuptelaPacket.server(type: packet.command, content: [1])
        case 37: return nextChunkRequest(packet)
        default: return nil
        }
    }

    /// A file chunk (subtype 2) that is not the last asks for the next: subtype, source, file
    /// name and the next chunk number.
    private static func nextChunkRequest(_ packet: RuptelaPacket) -> [UInt8]? {
        var reader = packet.dataReader()
        guard let subtype = try? reader.u8(), subtype == 2, let source = try? reader.u8(),
              let name = try? reader.read(8), let total = try? reader.u16(), let current = try? reader.u16(),
              Int(current) < Int(total) - 1 else { return nil }
        return RuptelaPacket.server(type: 37, content: [subtype, source] + name + bigEndianBytes(current + 1))
    }
}
