/// The binary ("HEX") frame kinds and where each keeps its length and device identity.
enum GL200BinaryFrame: Equatable {
    /// `+RSP`/`+BSP`: position reports (live / buffered).
    case report
    /// `+EVT`/`+BVT`: event reports with one position.
    case event
    /// `+INF`/`+BNF`: device information.
    case information
    /// `+ACK` not followed by `:`: command acknowledgement.
    case acknowledgement
    /// `+HBD`: heartbeat.
    case heartbeat
    /// `+LGN`: login, sent by newer models on connect.
    case login
    /// `+CRD`/`+BRD`: CAN/crash data, not decoded.
    case other
    /// Protocol Pro: byte 1 is 0x00.
    case pro

    /// The kind of binary frame `bytes` starts with, or `nil` for a text report.
    init?(_ bytes: UnsafeRawBufferPointer) {
        if bytes.count >= 2, bytes[1] == 0x00 { self = .pro; return }
        guard bytes.count >= 4 else { return nil }
        switch (bytes[1], bytes[2], bytes[3]) {
        case (0x52, 0x53, 0x50), (0x42, 0x53, 0x50): self = .report // RSP, BSP
        case (0x45, 0x56, 0x54), (0x42, 0x56, 0x54): self = .event // EVT, BVT
        case (0x49, 0x4E, 0x46), (0x42, 0x4E, 0x46): self = .information // INF, BNF
        case (0x48, 0x42, 0x44): self = .heartbeat // HBD
        case (0x4C, 0x47, 0x4E): self = .login // LGN
        case (0x43, 0x52, 0x44), (0x42, 0x52, 0x44): self = .other // CRD, BRD
        case (0x41, 0x43, 0x4B) where bytes.count > 4 && bytes[4] != UInt8(ascii: ":"): self = .acknowledgement
        default: return nil
        }
    }

    init?(_ bytes: [UInt8]) {
        guard let kind = bytes.withUnsafeBytes({ GL200BinaryFrame($0) }) else { return nil }
        self = kind
    }

    /// Offset and width of the big-endian frame length (which counts the whole frame).
    var lengthField: (offset: Int, width: Int) {
        switch self {
        case .acknowledgement: (6, 1)
        case .information: (7, 2)
        case .heartbeat: (5, 1)
        case .other, .login: (6, 2)
        case .pro: (2, 2)
        case .report, .event: (9, 2)
        }
    }

    /// The frame length the header declares, or `nil` before its length field is complete.
    func declaredLength(in bytes: UnsafeRawBufferPointer) -> Int? {
        let (offset, width) = lengthField
        guard bytes.count >= offset + width else { return nil }
        var length = 0
        for index in offset..<(offset + width) { length = length << 8 | Int(bytes[index]) }
        return length
    }

    func declaredLength(in frame: [UInt8]) -> Int? { frame.withUnsafeBytes { declaredLength(in: $0) } }

    /// Where the 8-byte unique id (packed IMEI or a device name) sits.
    var identityOffset: Int? {
        switch self {
        case .report, .event: 16
        case .information: 9
        case .acknowledgement: 12
        case .heartbeat: 11
        case .login: 15
        case .pro: 5
        case .other: nil
        }
    }

    /// The IMEI the frame names, if its unique id holds one (not a device name).
    func imei(in frame: [UInt8]) -> String? {
        guard let offset = identityOffset, offset + 8 <= frame.count else { return nil }
        let id = frame[offset..<offset + 8]
        return self == .pro ? GL200Identity.proImei(id) : GL200Identity.imei(id)
    }
}

/// Decoding the binary unique id.
enum GL200Identity {
    /// Each of the first 7 bytes holds two decimal digits as an integer, the last byte one digit:
    /// `56 32 54 03 00 03 43 05` is 865084030003675. Anything else is a device name.
    static func imei(_ id: ArraySlice<UInt8>) -> String? {
        guard id.count == 8, id.prefix(7).allSatisfy({ $0 <= 99 }), let last = id.last, last <= 9 else { return nil }
        let pairs = id.prefix(7).map { $0 < 10 ? "0\($0)" : "\($0)" }
        return pairs.joined() + "\(last)"
    }

    /// Protocol Pro: packed BCD with the leading nibble dropped (`08 65 13 ...` is 865134...).
    static func proImei(_ id: ArraySlice<UInt8>) -> String? {
        let nibbles = id.flatMap { [$0 >> 4, $0 & 0x0F] }
        guard nibbles.allSatisfy({ $0 <= 9 }) else { return nil }
        return String(nibbles.dropFirst().map { Character(String($0)) })
    }
}
