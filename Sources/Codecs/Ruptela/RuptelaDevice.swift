/// A Ruptela FM-Eco tracker: an identification packet (15, acked `00 02 73 01 CB 25`), one
/// type-1 record per position with ignition (IO 251), power (IO 29) and odometer (IO 65), acked
/// `00 02 64 01 13 BC`, and heartbeats (16, acked `00 02 74 01 86 2D`).
struct RuptelaDevice: SimulatedProtocol {
    let name = "ruptela"
    /// Fix times are whole seconds on the wire (Unix seconds).
    let fixTimeResolutionMs: Int64 = 1000

    func login(imei: String, sequence: Int) -> SimMessage? {
        let content: [UInt8] = [0x00] + Array("FMECO-02.35".utf8)  // reserved, firmware
        return SimMessage(Self.packet(imei, command: 15, data: content), ack: .exact(RuptelaPacket.server(type: 15, content: [1])))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        var record = bigEndianBytes(UInt32(fix.timeMs / 1000)) + [0x00, 0x00]  // time, extension, priority
        record += bigEndianBytes(Int32((fix.longitude * 1e7).rounded())) + bigEndianBytes(Int32((fix.latitude * 1e7).rounded()))
        record += bigEndianBytes(UInt16(400)) + bigEndianBytes(UInt16((fix.courseDeg * 100).rounded()) % 36_000) + [9]
        record += bigEndianBytes(UInt16(fix.speedKmh.rounded())) + [12, 7]  // speed, HDOP 1.2, event
        record += [1, 251, fix.ignition ? 1 : 0] + [1, 29] + bigEndianBytes(UInt16(12_800)) + [1, 65] + bigEndianBytes(UInt32(123_456)) + [0]
        let data: [UInt8] = [0x00, 0x01] + record  // records left, count
        return SimMessage(Self.packet(imei, command: 1, data: data), ack: .exact(RuptelaPacket.server(type: 0, content: [1])))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        SimMessage(Self.packet(imei, command: 16, data: []), ack: .exact(RuptelaPacket.server(type: 16, content: [1])))
    }

    /// `<length> <IMEI:8> <command> <data> <CRC-16/KERMIT>`.
    private static func packet(_ imei: String, command: UInt8, data: [UInt8]) -> [UInt8] {
        let body = bigEndianBytes(UInt64(imei) ?? 0) + [command] + data
        return bigEndianBytes(UInt16(body.count)) + body + bigEndianBytes(Checksums.crc16Kermit(body))
    }
}
