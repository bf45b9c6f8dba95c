import TrackwireProtocol

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
        guard let records = try readRecords(packet, context: context) else {
            return Decoded(kind: .unsupported, deviceId: packet.imei)
        }
        var decoded = Decoded(kind: packet.isCommandPacket ? .commandReply : .position, deviceId: packet.imei)
        for record in records where record.isWorthKeeping {
            let (position, events) = record.finish(deviceId: deviceId, protocolName: protocolName)
            decoded.positions.append(position)
            decoded.events += events
            if let result = position.attributes["result"] {
                decoded.events.append(AlarmEvent.commandResult(result, position: position))
            }
        }
        if packet.isCommandPacket && decoded.positions.isEmpty { decoded.kind = .other }
        return decoded
    }

    /// The packet's records, or `nil` for a codec this decoder does not know.
    private func readRecords(_ packet: TeltonikaDataPacket, context: DecodeContext) throws(DecodeError) -> [TeltonikaRecord]? {
        var reader = packet.records
        var records: [TeltonikaRecord] = []
        let extended = Self.isEnabled(context.options["Extended"])
        switch packet.codec {
        case Codec.codec8, Codec.codec8Extended, Codec.codec16:
            let recordReader = TeltonikaAVLRecordReader(
                codec: packet.codec, model: TeltonikaModel(context.options["ModelOverride"]), extended: extended)
            for _ in 0..<packet.count { records.append(try recordReader.read(&reader)) }
        case Codec.gh3000:
            let recordReader = TeltonikaGH3000RecordReader(extended: extended)
            for _ in 0..<packet.count { records.append(try recordReader.read(&reader)) }
        case Codec.codec12:
            for _ in 0..<packet.count {
                if let record = try TeltonikaCommandReplyReader().readCodec12(&reader, receivedAtMs: context.receivedAtMs) {
                    records.append(record)
                }
            }
        case Codec.codec13:
            for _ in 0..<packet.count { records.append(try TeltonikaCommandReplyReader().readCodec13(&reader)) }
        default:
            return nil
        }
        return records
    }

    /// Options are text: `true`/`1`/`yes` turn a switch on.
    static func isEnabled(_ option: String?) -> Bool {
        guard let option else { return false }
        return ["true", "1", "yes"].contains(option.lowercased())
    }
}
