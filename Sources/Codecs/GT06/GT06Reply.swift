/// The frames the server sends to a GT06 device: acknowledgements, the special replies of
/// docs/protocols/gt06.md "Generic acknowledgement", and the 0x80 command envelope.
enum GT06Reply {
    /// A server frame: header, length, type, content, serial, CRC-16/X-25 over length..serial, 0D 0A.
    static func frame(type: UInt8, content: [UInt8] = [], serial: UInt16, extended: Bool = false) -> [UInt8] {
        let length = 5 + content.count
        var out: [UInt8] = extended ? [0x79, 0x79, UInt8(truncatingIfNeeded: length >> 8)] : [0x78, 0x78]
        out.append(UInt8(truncatingIfNeeded: length))
        out.append(type)
        out += content
        out += [UInt8(serial >> 8), UInt8(truncatingIfNeeded: serial)]
        let crc = Checksums.crc16X25(out[2...])
        out += [UInt8(crc >> 8), UInt8(truncatingIfNeeded: crc), 0x0D, 0x0A]
        return out
    }

    /// The reply `examine` gives for a routed frame, or `nil` when Traccar stays silent.
    static func reply(to frame: GT06Frame, route: GT06Route, variant: GT06Variant) -> [UInt8]? {
        let ack = Self.frame(type: frame.type, serial: frame.serial)
        switch route {
        case .login, .heartbeat, .cellList, .commandText, .statusReport, .iButton, .steps, .vlStatus,
             .location, .eventAlarm, .modular, .peripheral:
            return ack
        case .wifi:
            return frame.type == 0xF3 ? nil : wifiEcho(frame)
        case .addressRequest:
            return addressResponse
        case .az735:
            return Self.frame(type: frame.type, serial: frame.serial, extended: true)
        case .unsupported:
            return unsupported(frame)
        case .timeRequest, .photoInfo, .x1Gps, .sr411, .gpsCell, .multiCell, .powerInfo, .info,
             .commandInfo, .serialData, .obd:
            return nil
        }
    }

    /// Unknown short-form types get the generic ack (not the 0x80-0x82 command echoes); unknown
    /// extended types get nothing, except 0x41 multimedia, which gets an extended ack.
    private static func unsupported(_ frame: GT06Frame) -> [UInt8]? {
        if frame.extended {
            return frame.type == 0x41 ? Self.frame(type: 0x41, serial: frame.serial, extended: true) : nil
        }
        return (0x80...0x82).contains(frame.type) ? nil : Self.frame(type: frame.type, serial: frame.serial)
    }

    /// 0x17/0x69 WiFi queries: `78 78 00 <type> <the 6 time bytes> 0D 0A`, no serial, no CRC.
    private static func wifiEcho(_ frame: GT06Frame) -> [UInt8]? {
        let start = frame.contentStart
        guard frame.bytes.count >= start + 6 else { return nil }
        return [0x78, 0x78, 0x00, frame.type] + frame.bytes[start..<start + 6] + [0x0D, 0x0A]
    }

    /// 0x2A address request: an extended 0x97 frame saying "no address".
    static let addressResponse: [UInt8] = {
        let text = Array("NA&&NA&&0##".utf8)
        return frame(type: 0x97, content: [UInt8(text.count), 0, 0, 0, 0] + text, serial: 0, extended: true)
    }()

    /// The answer to a 0x8A time request at `nowMs` (UTC, binary fields, serial 0). `examine` has
    /// no clock, so the gateway builds this one itself.
    static func timeResponse(nowMs: Int64) -> [UInt8] {
        let now = UTCTime.components(nowMs)
        let fields = [now.year - 2000, now.month, now.day, now.hour, now.minute, now.second]
        return frame(type: 0x8A, content: fields.map { UInt8(truncatingIfNeeded: $0) }, serial: 0)
    }
}
