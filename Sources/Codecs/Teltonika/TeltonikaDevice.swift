import TrackwireProtocol

/// A Teltonika FMB tracker. Over TCP: the IMEI packet (acked `01`), then one codec 8 AVL record per
/// packet with ignition (IO 239) and movement (IO 240), acked by the record count `00000001`; the
/// keep-alive is the single byte `FF`, which gets no reply. Over UDP: each record is a datagram
/// naming the IMEI, acked `0005 0000 01 <AVL packet id> 01`; the AVL packet id is the low byte of
/// the sequence number, so the ack names the datagram it answers. UDP has no login and no keep-alive.
struct TeltonikaDevice: SimulatedProtocol {
    let name = "teltonika"
    /// AVL records carry milliseconds.
    let fixTimeResolutionMs: Int64 = 1
    var transport = Transport.tcp

    func over(_ transport: Transport) -> (any SimulatedProtocol)? {
        [.tcp, .udp].contains(transport) ? TeltonikaDevice(transport: transport) : nil
    }

    func login(imei: String, sequence: Int) -> SimMessage? {
        guard transport == .tcp else { return nil }
        return SimMessage(bigEndianBytes(UInt16(imei.utf8.count)) + Array(imei.utf8), ack: .exact([0x01]))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let data: [UInt8] = [0x08, 0x01] + Self.record(fix) + [0x01]
        guard transport == .udp else {
            let packet = [0, 0, 0, 0] + bigEndianBytes(UInt32(data.count)) + data + bigEndianBytes(UInt32(Checksums.crc16IBM(data)))
            return SimMessage(packet, ack: .exact([0, 0, 0, 1]))
        }
        let packetId = UInt8(truncatingIfNeeded: sequence)
        let body = bigEndianBytes(UInt16(truncatingIfNeeded: sequence)) + [0x01, packetId] + bigEndianBytes(UInt16(imei.utf8.count)) + Array(imei.utf8) + data
        return SimMessage(bigEndianBytes(UInt16(body.count)) + body, ack: .exact([0x00, 0x05, 0x00, 0x00, 0x01, packetId, 0x01]))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? { transport == .tcp ? SimMessage([0xFF]) : nil }

    /// One codec 8 record: time, priority, lon/lat in 1e-7°, altitude, angle, satellites, speed, IO.
    static func record(_ fix: SimFix) -> [UInt8] {
        let location = bigEndianBytes(UInt64(fix.timeMs)) + [0x00]
            + bigEndianBytes(Int32((fix.longitude * 1e7).rounded())) + bigEndianBytes(Int32((fix.latitude * 1e7).rounded()))
            + bigEndianBytes(Int16(40)) + bigEndianBytes(UInt16(Int(fix.courseDeg.rounded()) % 360)) + [10] + bigEndianBytes(UInt16(fix.speedKmh.rounded()))
        let io: [UInt8] = [239, 2, 2, 239, fix.ignition ? 1 : 0, 240, fix.speedKmh > 0 ? 1 : 0, 0, 0, 0]
        return location + io
    }
}
