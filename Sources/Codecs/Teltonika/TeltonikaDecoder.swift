import TrackwireProtocol

/// Reads one record of a packet; `nil` for a record that yields no position (camera chunks).
protocol TeltonikaRecordReading {
    func read(_ reader: inout ByteReader) throws(DecodeError) -> TeltonikaRecord?
}

/// Turns Teltonika frames into positions and events (TCP and UDP, codecs 7, 8, 8E, 16, 12, 13).
struct TeltonikaDecoder {
    typealias Codec = TeltonikaDataPacket.Codec

    /// The protocol name stamped on positions.
    let protocolName: String

    /// Decodes one frame.
    func decode(_ frame: [UInt8], context: DecodeContext) throws(DecodeError) -> Decoded {
        switch try TeltonikaPacket.parse(frame, transport: context.transport) {
        case .keepAlive: Decoded(kind: .heartbeat)
        case .identification(let imei): Decoded(kind: .login, deviceId: imei)
        case .data(let packet): try decodeData(packet, context: context)
        }
    }

    private func decodeData(_ packet: TeltonikaDataPacket, context: DecodeContext) throws(DecodeError) -> Decoded {
        guard let deviceId = packet.imei ?? context.deviceId else {
            throw DecodeError("unidentified", "Teltonika data packet before the IMEI packet")
        }
        guard var records = try readRecords(packet, context: context) else {
            throw DecodeError("unsupported", "Teltonika packet of codec 0x\(String(packet.codec, radix: 16))")
        }
        var decoded = Decoded(kind: packet.isCommandPacket ? .commandReply : .position, deviceId: packet.imei)
        for index in records.indices where records[index].isWorthKeeping {
            let (position, events) = records[index].finish(deviceId: deviceId, protocolName: protocolName)
            decoded.positions.append(position)
            decoded.events += events
            if let result = position.attributes["result"] {
                decoded.events.append(TeltonikaEvents.commandResult(result, position: position))
            }
        }
        if packet.isCommandPacket && decoded.positions.isEmpty { decoded.kind = .other }
        return decoded
    }

    /// The packet's records, or `nil` for a codec this decoder does not know.
    private func readRecords(_ packet: TeltonikaDataPacket, context: DecodeContext) throws(DecodeError) -> [TeltonikaRecord]? {
        guard let recordReader = Self.recordReader(for: packet.codec, context: context) else { return nil }
        var reader = packet.records
        var records: [TeltonikaRecord] = []
        for _ in 0..<packet.count {
            if let record = try recordReader.read(&reader) { records.append(record) }
        }
        return records
    }

    private static func recordReader(for codec: UInt8, context: DecodeContext) -> (any TeltonikaRecordReading)? {
        let extended = TeltonikaCodec.extended.isOn(in: context.options)
        switch codec {
        case Codec.codec8, Codec.codec8Extended, Codec.codec16:
            return TeltonikaAVLRecordReader(codec: codec, model: TeltonikaModel(TeltonikaCodec.modelOverride.text(in: context.options)), extended: extended)
        case Codec.gh3000:
            return TeltonikaGH3000RecordReader(extended: extended)
        case Codec.codec12, Codec.codec13:
            return TeltonikaCommandReplyReader(codec: codec, receivedAtMs: context.receivedAtMs)
        default:
            return nil
        }
    }

}
