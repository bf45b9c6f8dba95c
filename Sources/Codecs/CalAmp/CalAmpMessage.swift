/// One LM Direct datagram as its headers frame it (docs/protocols/calamp.md "Framing and
/// identification"): an optional options header naming the mobile ID, then service type, message
/// type and sequence number; the body follows.
struct CalAmpMessage {
    /// Service type 1: the device asks for an acknowledgement.
    static let acknowledgedService: UInt8 = 1

    let bytes: [UInt8]
    /// The mobile ID in hex digits with every `F` nibble removed, when the options header has one.
    let mobileId: String?
    let service: UInt8
    let type: CalAmpMessageType?
    let rawType: UInt8
    let sequence: UInt16
    /// Where the message body starts.
    let bodyOffset: Int

    /// Reads the headers; throws `truncated` when the datagram ends inside them.
    init(_ bytes: [UInt8]) throws(DecodeError) {
        var reader = ByteReader(bytes)
        var mobileId: String?
        if let first = reader.peek(), first & 0x80 != 0 {
            let mask = try reader.u8()
            // Bits 0-5: mobile ID, ID type, authentication, routing, forwarding, redirection.
            for bit in 0..<6 where mask & (1 << bit) != 0 {
                let field = try reader.read(Int(try reader.u8()))
                if bit == 0 { mobileId = HexText.lowercase(field).filter { $0 != "f" } }
            }
        }
        self.bytes = bytes
        self.mobileId = mobileId.flatMap { $0.isEmpty ? nil : $0 }
        service = try reader.u8()
        rawType = try reader.u8()
        type = CalAmpMessageType(rawValue: rawType)
        sequence = try reader.u16()
        bodyOffset = reader.offset
    }

    /// Traccar's acknowledgement of a service-type-1 message: `02 01 <seq> <type> 00 00 00 00 00`,
    /// without an options header; `nil` for any other service type.
    var ack: [UInt8]? {
        guard service == Self.acknowledgedService else { return nil }
        return [0x02, CalAmpMessageType.ack.rawValue] + bigEndianBytes(sequence) + [rawType, 0, 0, 0, 0, 0]
    }

    /// A reader positioned at the body.
    func bodyReader() -> ByteReader { ByteReader(bytes, offset: bodyOffset) }
}

/// The LM Direct message types Traccar tells apart.
enum CalAmpMessageType: UInt8 {
    case ack = 1, eventReport = 2, idReport = 3, userData = 4, applicationData = 5, configuration = 6
    case unitRequest = 7, locateReport = 8, userDataWithAccumulators = 9, miniEventReport = 10, miniUserData = 11
}
