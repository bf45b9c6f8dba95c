import TrackwireProtocol

/// What one Teltonika frame is, read from its envelope only (records are read by the decoder).
enum TeltonikaPacket {
    /// The one-byte `FF` ping.
    case keepAlive
    /// The TCP identification packet `<length:2> <IMEI>`.
    case identification(imei: String)
    /// An AVL or command packet, TCP or UDP.
    case data(TeltonikaDataPacket)

    /// Reads the envelope of `frame`; throws `DecodeError` when even the envelope is cut short.
    static func parse(_ frame: [UInt8], transport: Transport) throws(DecodeError) -> TeltonikaPacket {
        if transport == .udp { return .data(try TeltonikaDataPacket(datagram: frame)) }
        if frame == [0xFF] { return .keepAlive }
        var reader = ByteReader(frame)
        let length = Int(try reader.u16())
        if length > 0 { return .identification(imei: LenientUTF8.string(try reader.read(length))) }
        return .data(try TeltonikaDataPacket(stream: frame))
    }
}

/// The codec 8/8E/16/7/12/13 payload of a packet, with the reader placed on its first record.
struct TeltonikaDataPacket {
    /// Codec ids as Teltonika numbers them.
    enum Codec {
        static let gh3000: UInt8 = 0x07
        static let codec8: UInt8 = 0x08
        static let codec8Extended: UInt8 = 0x8E
        static let codec12: UInt8 = 0x0C
        static let codec13: UInt8 = 0x0D
        static let codec16: UInt8 = 0x10
    }

    var codec: UInt8
    /// "Number of data 1": the record count, also what the server acknowledges.
    var count: UInt8
    /// The IMEI a UDP datagram carries; `nil` over TCP.
    var imei: String?
    /// The AVL packet id a UDP datagram carries, echoed in the ack; `nil` over TCP.
    var avlPacketId: UInt8?
    /// The frame size the length field announces (TCP: length + 12; UDP: length + 2).
    var announcedSize: Int
    /// Positioned on the first record; runs to the end of the frame.
    var records: ByteReader

    /// Whether this packet is a command or reply (codec 12/13), which the device does not expect acked.
    var isCommandPacket: Bool { codec == Codec.codec12 || codec == Codec.codec13 }

    /// TCP: `00000000 <length:4> <codec> <count> <records> <count> <crc:4>`.
    init(stream frame: [UInt8]) throws(DecodeError) {
        var reader = ByteReader(frame)
        try reader.skip(4)
        let dataLength = Int(try reader.u32())
        codec = try reader.u8()
        count = try reader.u8()
        records = reader
        announcedSize = dataLength + 12
    }

    /// UDP: `<length:2> <packet id:2> <type> <AVL packet id> <IMEI length:2> <IMEI> <codec> <count> ...`.
    init(datagram frame: [UInt8]) throws(DecodeError) {
        var reader = ByteReader(frame)
        let length = Int(try reader.u16())
        try reader.skip(3)
        avlPacketId = try reader.u8()
        imei = LenientUTF8.string(try reader.read(Int(try reader.u16())))
        codec = try reader.u8()
        count = try reader.u8()
        records = reader
        announcedSize = length + 2
    }

    /// `bad_length` or `bad_crc` when the packet fails its integrity checks (Traccar ignores
    /// them; the gateway applies its policy). UDP datagrams carry no CRC.
    var problem: String? {
        let frame = records.bytes
        guard announcedSize == frame.count else { return "bad_length" }
        guard imei == nil else { return nil }
        let carried = frame[(frame.count - 4)...].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let computed = Checksums.crc16IBM(frame[8..<(frame.count - 4)])
        return carried == UInt32(computed) ? nil : "bad_crc"
    }
}
