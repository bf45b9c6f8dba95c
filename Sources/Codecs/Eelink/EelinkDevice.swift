import TrackwireProtocol

/// An Eelink tracker: over TCP a 0x01 login with the BCD IMEI (acked with the server's time),
/// then 0x12 reports with a fix and the status word (ignition, validity) and 0x03 heartbeats,
/// each acked `67 67 <type> 00 02 <serial>`. Over UDP the same packets travel in `EL` envelopes
/// naming the IMEI, so no login is needed, and the acks come back wrapped the same way.
struct EelinkDevice: SimulatedProtocol {
    let name = "eelink"
    var transport = Transport.tcp

    func over(_ transport: Transport) -> (any SimulatedProtocol)? {
        [.tcp, .udp].contains(transport) ? EelinkDevice(transport: transport) : nil
    }

    func login(imei: String, sequence: Int) -> SimMessage? {
        guard transport == .tcp else { return nil }
        let serial = UInt16(truncatingIfNeeded: sequence)
        let ackPrefix = EelinkPacket.header + [EelinkPacketType.login, 0x00, 0x09] + bigEndianBytes(serial)
        return SimMessage(packet(EelinkPacketType.login, serial: serial, content: Self.bcd(imei) + [0x01, 0x00], imei: imei), ack: .sized(prefix: ackPrefix, length: 14))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let location = bigEndianBytes(Int32((fix.latitude * 1_800_000).rounded())) + bigEndianBytes(Int32((fix.longitude * 1_800_000).rounded()))
            + bigEndianBytes(Int16(40)) + bigEndianBytes(UInt16(fix.speedKmh.rounded())) + bigEndianBytes(UInt16(Int(fix.courseDeg.rounded()) % 360)) + [9]
        let content = bigEndianBytes(UInt32(fix.timeMs / 1000)) + [0x01] + location + bigEndianBytes(Self.status(ignition: fix.ignition))
        return acked(EelinkPacketType.normal, sequence: sequence, content: content, imei: imei)
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        acked(EelinkPacketType.heartbeat, sequence: sequence, content: bigEndianBytes(Self.status(ignition: true)), imei: imei)
    }

    /// Valid (bit 0) and the ignition, known (bit 1) and on (bit 2).
    static func status(ignition: Bool) -> UInt16 { 0x0003 | (ignition ? 0x0004 : 0) }

    static func bcd(_ imei: String) -> [UInt8] {
        let digits = Array(("0" + imei).utf8).map { $0 - 0x30 }
        return stride(from: 0, to: 16, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    private func acked(_ type: UInt8, sequence: Int, content: [UInt8], imei: String) -> SimMessage {
        let serial = UInt16(truncatingIfNeeded: sequence)
        return SimMessage(packet(type, serial: serial, content: content, imei: imei), ack: .exact(packet(type, serial: serial, content: [], imei: imei)))
    }

    private func packet(_ type: UInt8, serial: UInt16, content: [UInt8], imei: String) -> [UInt8] {
        let bytes = EelinkPacket.bytes(type: type, serial: serial, content: content)
        return transport == .udp ? EelinkDatagram.wrap(bytes, imei: imei) : bytes
    }
}
