/// A Castel SC unit (version 4): a 0x1001 login with empty statistics and no fix, acked by 0x9001
/// with the server time; 0x4001 GPS reports with the ignition in the status word (bit 18) and one
/// fix, which get no reply; 0x1003 heartbeats acked by 0x9003.
struct CastelDevice: SimulatedProtocol {
    let name = "castel"
    static let version: UInt8 = 4

    func login(imei: String, sequence: Int) -> SimMessage? {
        let id = Self.rawId(imei)
        let ackPrefix = Array(CastelFrame.packet(version: Self.version, rawId: id, type: 0x9001, data: [0xFF, 0xFF, 0xFF, 0xFF, 0, 0]).prefix(33))
        let data = Self.statistics(status: 0) + [0]
        return SimMessage(CastelFrame.packet(version: Self.version, rawId: id, type: 0x1001, data: data), ack: .sized(prefix: Self.withLength(ackPrefix, 41), length: 41))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let data = [0x00] + Self.statistics(status: fix.ignition ? 1 << 18 : 0) + [1] + Self.fix(fix)
        return SimMessage(CastelFrame.packet(version: Self.version, rawId: Self.rawId(imei), type: 0x4001, data: data))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        let id = Self.rawId(imei)
        return SimMessage(CastelFrame.packet(version: Self.version, rawId: id, type: 0x1003, data: []),
                          ack: .exact(CastelFrame.packet(version: Self.version, rawId: id, type: 0x9003, data: [])))
    }

    /// The IMEI as the 20-byte NUL-padded ASCII id.
    static func rawId(_ imei: String) -> [UInt8] {
        let ascii = Array(imei.utf8.prefix(20))
        return ascii + [UInt8](repeating: 0, count: 20 - ascii.count)
    }

    /// ACC-on and UTC times, odometer, trip, fuel, current fuel, `status`, reserved: all zero but the status.
    static func statistics(status: UInt32) -> [UInt8] {
        [UInt8](repeating: 0, count: 22) + littleEndianBytes(status) + [UInt8](repeating: 0, count: 8)
    }

    /// The 19-byte fix: date and time, |lat| and |lon| in 1/3,600,000°, cm/s, 0.1°, flags with
    /// the hemispheres, a valid fix and 9 satellites.
    static func fix(_ fix: SimFix) -> [UInt8] {
        let t = UTCTime.components(fix.timeMs)
        let stamp = [t.day, t.month, t.year % 100, t.hour, t.minute, t.second].map { UInt8($0) }
        var flags: UInt8 = 0x90 | 0x0C
        if fix.longitude >= 0 { flags |= 0x01 }
        if fix.latitude >= 0 { flags |= 0x02 }
        return stamp + littleEndianBytes(UInt32((abs(fix.latitude) * 3_600_000).rounded()))
            + littleEndianBytes(UInt32((abs(fix.longitude) * 3_600_000).rounded()))
            + Array(littleEndianBytes(UInt32((fix.speedKmh / 0.036).rounded())).prefix(2))
            + Array(littleEndianBytes(UInt32((fix.courseDeg * 10).rounded()) % 3600).prefix(2)) + [flags]
    }

    /// `bytes` with the packet length field set to `length` (the ack prefix is cut from a shorter packet).
    private static func withLength(_ bytes: [UInt8], _ length: Int) -> [UInt8] {
        var bytes = bytes
        bytes[2] = UInt8(length & 0xFF)
        bytes[3] = UInt8(length >> 8)
        return bytes
    }
}
