/// A Teltonika FMB tracker over TCP: the IMEI packet (acked `01`), then one codec 8 AVL record per
/// packet with ignition (IO 239) and movement (IO 240), acked by the record count `00000001`.
/// The keep-alive is the single byte `FF`, which gets no reply.
struct TeltonikaDevice: SimulatedProtocol {
    let name = "teltonika"
    /// AVL records carry milliseconds.
    let fixTimeResolutionMs: Int64 = 1

    func login(imei: String, sequence: Int) -> SimMessage? {
        SimMessage(bigEndianBytes(UInt16(imei.utf8.count)) + Array(imei.utf8), ack: .exact([0x01]))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let data: [UInt8] = [0x08, 0x01] + Self.record(fix) + [0x01]
        let packet = [0, 0, 0, 0] + bigEndianBytes(UInt32(data.count)) + data + bigEndianBytes(UInt32(Checksums.crc16IBM(data)))
        return SimMessage(packet, ack: .exact([0, 0, 0, 1]))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? { SimMessage([0xFF]) }

    /// One codec 8 record: time, priority, lon/lat in 1e-7°, altitude, angle, satellites, speed, IO.
    static func record(_ fix: SimFix) -> [UInt8] {
        let location = bigEndianBytes(UInt64(fix.timeMs)) + [0x00]
            + bigEndianBytes(Int32((fix.longitude * 1e7).rounded())) + bigEndianBytes(Int32((fix.latitude * 1e7).rounded()))
            + bigEndianBytes(Int16(40)) + bigEndianBytes(UInt16(Int(fix.courseDeg.rounded()) % 360)) + [10] + bigEndianBytes(UInt16(fix.speedKmh.rounded()))
        let io: [UInt8] = [239, 2, 2, 239, fix.ignition ? 1 : 0, 240, fix.speedKmh > 0 ? 1 : 0, 0, 0, 0]
        return location + io
    }
}
