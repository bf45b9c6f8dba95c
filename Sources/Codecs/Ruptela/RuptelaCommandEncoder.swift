import TrackwireProtocol

/// Downlink commands as server packets (docs/protocols/ruptela.md "Commands"): `custom` hex
/// digits go out as the bytes they spell, other text as an SMS-via-GPRS command (108), as do
/// the immobiliser commands; configuration (102), version (103), firmware update (104),
/// connection (105), odometer (106), set IO (117) and photo requests (137) have their own types.
extension RuptelaCodec {
    /// The command's packet; `CommandError` for other types or missing parameters.
    public func encode(_ command: Command, context: SessionContext) throws -> [UInt8] {
        if command.type == "custom", let raw = HexText.bytes(command.text), !raw.isEmpty { return raw }
        let (type, content) = try Self.content(command)
        return RuptelaPacket.server(type: type, content: content)
    }

    private static func content(_ command: Command) throws(CommandError) -> (UInt8, [UInt8]) {
        let data = command.params["data"] ?? command.text
        switch command.type {
        case "custom": return (8, Array(command.text.utf8))
        case "engine_stop": return (8, Array("pass immobilizer 10".utf8))
        case "engine_resume": return (8, Array("pass resetimmob".utf8))
        case "configuration": return (2, Array((data + "\r\n").utf8))
        case "get_version": return (3, [])
        case "firmware_update": return (4, Array("|FU_STRT*\r\n".utf8))
        case "request_photo": return (37, [0x01, 0x00] + bigEndianBytes(UInt32(0)) + bigEndianBytes(UInt32(Int32.max)))
        case "output_control":
            guard let index = command.params["index"].flatMap(UInt32.init), let value = UInt32(data) else {
                throw CommandError("output_control needs params.index and a numeric value (params.data or text)")
            }
            return (17, bigEndianBytes(index) + bigEndianBytes(value))
        case "set_connection":
            guard let server = command.params["server"], let port = command.params["port"].flatMap(Int.init) else {
                throw CommandError("set_connection needs params.server and params.port")
            }
            return (5, Array("\(server),\(port),TCP".utf8))
        case "set_odometer":
            guard let odometer = UInt32(data) else { throw CommandError("set_odometer needs a numeric value (params.data or text)") }
            return (6, bigEndianBytes(odometer))
        default:
            throw CommandError("ruptela cannot encode command type \(command.type)")
        }
    }
}
