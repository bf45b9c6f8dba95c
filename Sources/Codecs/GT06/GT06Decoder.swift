/// Sends a routed frame to its handler and names what kind of frame it was. Each handler reads
/// the content with `reader` (positioned after the protocol number) into `record`. `.position`
/// frames without a fix become `.status` when the record is normalised.
enum GT06Decoder {
    static func decode(_ route: GT06Route, _ d: GT06Decoding) throws(DecodeError) -> (FrameKind, GT06Record) {
        var reader = d.frame.contentReader()
        var record = GT06Record()
        let kind = try handle(route, d, &reader, &record)
        return (kind, record)
    }

    private static func handle(_ route: GT06Route, _ d: GT06Decoding, _ r: inout ByteReader, _ rec: inout GT06Record) throws(DecodeError) -> FrameKind {
        switch route {
        case .login, .addressRequest, .timeRequest, .photoInfo, .multiCell: return .other
        case .unsupported: throw DecodeError("unsupported", "GT06 message type 0x\(GT06Blocks.hex([d.frame.type]))")
        case .wifi: return .status
        case .heartbeat: try GT06StatusDecoder.heartbeat(d, &r, into: &rec); return .heartbeat
        case .statusReport: try GT06StatusDecoder.report(d, &r, into: &rec); return .heartbeat
        case .location: try GT06LocationDecoder.decode(d, &r, into: &rec); return d.type == 0x13 ? .heartbeat : .position
        case .vlStatus: try GT06StatusDecoder.vlStatus(d, &r, into: &rec); return .position
        case .x1Gps: try GT06DeviceDecoders.x1(d, &r, into: &rec); return .position
        case .sr411: try GT06DeviceDecoders.sr411(d, &r, into: &rec); return .position
        case .iButton: try GT06DeviceDecoders.iButton(d, &r, into: &rec); return .position
        case .gpsCell: try GT06DeviceDecoders.gpsCell(d, &r, into: &rec); return .position
        case .az735: try GT06DeviceDecoders.az735(d, &r, into: &rec); return .position
        case .eventAlarm: try GT06DeviceDecoders.event(d, &r, into: &rec); return .position
        case .modular: try GT06ModularDecoder.modular(d, &r, into: &rec); return .position
        case .cellList: try GT06CellDecoder.decode(d, &r, into: &rec); return .status
        case .powerInfo: try GT06StatusDecoder.power(d, &r, into: &rec); return .status
        case .info: try GT06InfoDecoder.decode(d, &r, into: &rec); return .status
        case .steps: try GT06StatusDecoder.steps(d, &r, into: &rec); return .status
        case .obd: try GT06TextDecoders.obd(d, &r, into: &rec); return .status
        case .peripheral: try GT06PeripheralDecoder.decode(d, &r, into: &rec); return .status
        case .commandText: try GT06TextDecoders.commandText(d, &r, into: &rec); return .commandReply
        case .commandInfo: try GT06TextDecoders.commandInfo(d, &r, into: &rec); return .commandReply
        case .serialData: try GT06TextDecoders.serialData(d, &r, into: &rec); return .commandReply
        }
    }

    /// The IMEI of a login frame: 8 BCD bytes with a leading zero nibble.
    static func imei(_ frame: GT06Frame) throws(DecodeError) -> String {
        var reader = frame.contentReader()
        return String(GT06Blocks.hex(try reader.read(8)).dropFirst())
    }
}
