/// A Galileosky tracker: a head packet with hardware and firmware versions, the IMEI and the
/// device id, then one record per packet (index, time, fix, speed and course, altitude, HDOP),
/// each acked with `02` and the packet's CRC. Galileosky has no keep-alive.
struct GalileoDevice: SimulatedProtocol {
    let name = "galileo"
    /// Fix times are whole seconds on the wire (Unix seconds).
    let fixTimeResolutionMs: Int64 = 1000

    func login(imei: String, sequence: Int) -> SimMessage? {
        Self.message([0x01, 0x82, 0x02, 0x13, 0x03] + Array(imei.utf8) + [0x04, 0x2A, 0x00])
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        var tags: [UInt8] = [0x10] + littleEndianBytes(UInt16(truncatingIfNeeded: sequence)) + [0x20] + littleEndianBytes(UInt32(fix.timeMs / 1000))
        tags += [0x30, 0x0A] + littleEndianBytes(Int32((fix.latitude * 1e6).rounded())) + littleEndianBytes(Int32((fix.longitude * 1e6).rounded()))
        tags += [0x33] + littleEndianBytes(UInt16((fix.speedKmh * 10).rounded())) + littleEndianBytes(UInt16((fix.courseDeg * 10).rounded()) % 3600)
        tags += [0x34] + littleEndianBytes(Int16(40)) + [0x35, 0x09]  // altitude, HDOP 0.9
        return Self.message(tags)
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? { nil }

    /// A `01` packet of `tags` and its ack, `02` + the CRC bytes.
    private static func message(_ tags: [UInt8]) -> SimMessage {
        let packet = GalileoPacket.frame(tags)
        return SimMessage(packet, ack: .exact([0x02] + packet.suffix(2)))
    }
}
