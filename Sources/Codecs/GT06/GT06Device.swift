/// A GT06 / Concox tracker: login 0x01 with the BCD IMEI, 0x22 GPS+LBS+ACC positions, 0x13
/// status heartbeats; every message is acked with `78 78 05 <type> <serial> <crc> 0D 0A`.
struct GT06Device: SimulatedProtocol {
    let name = "gt06"

    func login(imei: String, sequence: Int) -> SimMessage? {
        let digits = Array(("0" + imei).utf8).map { $0 - 0x30 }
        let bcd = stride(from: 0, to: 16, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
        return Self.message(0x01, content: bcd, sequence: sequence)
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let lbs: [UInt8] = [0x01, 0x06, 0x01, 0x10, 0x1C, 0x00, 0xA3, 0xAE]  // MCC 262, MNC 1, LAC, CID
        return Self.message(0x22, content: Self.gps(fix) + lbs + [fix.ignition ? 1 : 0, 0x00, 0x00], sequence: sequence)
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        // Terminal info (GPS tracking on), voltage level 6, GSM signal 4, no alarm, English.
        Self.message(0x13, content: [0x40, 0x06, 0x04, 0x00, 0x02], sequence: sequence)
    }

    /// The 18-byte GPS block: time, satellites, lat/lon in 1/1,800,000°, km/h, course and flags.
    static func gps(_ fix: SimFix) -> [UInt8] {
        let t = UTCTime.components(fix.timeMs)
        let time = [t.year % 100, t.month, t.day, t.hour, t.minute, t.second].map { UInt8($0) }
        let course = UInt16(Int(fix.courseDeg.rounded()) % 360)
        var flags: UInt16 = course | 0x1000 | 0x4000  // GPS fixed, ACC reported
        if fix.latitude >= 0 { flags |= 0x0400 }
        if fix.longitude < 0 { flags |= 0x0800 }
        if fix.ignition { flags |= 0x8000 }
        return time + [0xC9] + bigEndianBytes(UInt32((abs(fix.latitude) * 1_800_000).rounded()))
            + bigEndianBytes(UInt32((abs(fix.longitude) * 1_800_000).rounded()))
            + [UInt8(min(255, fix.speedKmh.rounded()))] + bigEndianBytes(flags)
    }

    /// A `78 78` frame and its generic ack (both CRC-16/X-25 over length..serial).
    static func message(_ type: UInt8, content: [UInt8], sequence: Int) -> SimMessage {
        let serial = bigEndianBytes(UInt16(truncatingIfNeeded: sequence))
        return SimMessage(frame([UInt8(content.count + 5), type] + content + serial), ack: .exact(frame([0x05, type] + serial)))
    }

    private static func frame(_ body: [UInt8]) -> [UInt8] {
        [0x78, 0x78] + body + bigEndianBytes(Checksums.crc16X25(body)) + [0x0D, 0x0A]
    }
}
