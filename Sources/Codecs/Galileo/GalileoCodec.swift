import TrackwireProtocol

/// Galileosky trackers (docs/protocols/galileo.md): little-endian tagged packets whose head
/// packet names the IMEI, compressed records, photo chunks and the Iridium satellite form; each
/// packet (but Iridium's) is acked with `02` and its own CRC. Option `Compressed`: Iridium
/// bodies hold compressed records.
public struct GalileoCodec: DeviceCodec, CommandEncoding {
    /// The codec; it holds no state.
    public init() {}

    /// A `GalileoFramer` for one TCP connection.
    public func makeFramer() -> any Framer { GalileoFramer() }

    /// Names the IMEI of head packets and gives the ack (`02`/`07` + the packet's CRC bytes,
    /// nothing for Iridium); reports `bad_length` / `bad_crc` but still acks. Packets without a
    /// fix, a command answer or compressed records carry nothing to store.
    public func examine(_ bytes: [UInt8], context: SessionContext) -> Examination {
        guard let packet = try? GalileoPacket(bytes) else { return Examination(problem: "bad_length") }
        var examination = Examination(reply: packet.ack, problem: packet.problem)
        if packet.header == 0x01 && !packet.isIridium {
            var reader = packet.bodyReader()
            let records = try? GalileoRecords(&reader)
            examination.deviceId = records?.imei
            examination.storesData = records.map { !$0.drafts.isEmpty } ?? true
        } else if packet.isIridium, packet.bytes.count >= 25 {
            examination.deviceId = Latin1.string(packet.bytes[10..<25])
        }
        if packet.header == 0x07 { examination.storesData = false }
        return examination
    }

    /// Decodes one packet; tagged packets after the head packet need the session's device.
    public func decode(_ bytes: [UInt8], context: DecodeContext) throws -> Decoded {
        try GalileoDecoder(packet: try GalileoPacket(bytes), context: context).decode()
    }
}
