/// Sends a routed frame to its handler and names what kind of frame it was.
enum GT06Decoder {
    static func decode(_ route: GT06Route, _ d: GT06Decoding) throws(DecodeError) -> (FrameKind, GT06Record) {
        switch route {
        case .login, .addressRequest, .timeRequest, .photoInfo, .multiCell: (.other, GT06Record())
        case .unsupported: (.unsupported, GT06Record())
        case .wifi: (.status, GT06Record())
        case .heartbeat: (.heartbeat, try GT06StatusDecoder.heartbeat(d))
        case .statusReport: (.heartbeat, try GT06StatusDecoder.report(d))
        case .location: (d.type == 0x13 ? .heartbeat : .position, try GT06LocationDecoder.decode(d))
        case .vlStatus: (.position, try GT06StatusDecoder.vlStatus(d))
        case .x1Gps: (.position, try GT06DeviceDecoders.x1(d))
        case .sr411: (.position, try GT06DeviceDecoders.sr411(d))
        case .iButton: (.position, try GT06DeviceDecoders.iButton(d))
        case .gpsCell: (.position, try GT06DeviceDecoders.gpsCell(d))
        case .az735: (.position, try GT06DeviceDecoders.az735(d))
        case .eventAlarm: (.position, try GT06DeviceDecoders.event(d))
        case .cellList: (.status, try GT06CellDecoder.decode(d))
        case .powerInfo: (.status, try GT06StatusDecoder.power(d))
        case .info: (.status, try GT06InfoDecoder.decode(d))
        case .steps: (.status, try GT06StatusDecoder.steps(d))
        case .obd: (.status, try GT06TextDecoders.obd(d))
        case .modular: (.position, try GT06ModularDecoder.modular(d))
        case .peripheral: (.status, try GT06PeripheralDecoder.decode(d))
        case .commandText: (.commandReply, try GT06TextDecoders.commandText(d))
        case .commandInfo: (.commandReply, try GT06TextDecoders.commandInfo(d))
        case .serialData: (.commandReply, try GT06TextDecoders.serialData(d))
        }
    }

    /// The IMEI of a login frame: 8 BCD bytes with a leading zero nibble.
    static func imei(_ frame: GT06Frame) throws(DecodeError) -> String {
        var reader = frame.contentReader()
        return String(GT06Blocks.hex(try reader.read(8)).dropFirst())
    }
}
