import TrackwireProtocol

/// A CalAmp LMU over UDP: each fix is an event report (type 2) with the IMEI as mobile ID, asking
/// for an acknowledgement (service type 1), which names its sequence number and type. No login
/// and no keep-alive: the mobile ID in every datagram identifies the device.
struct CalAmpDevice: SimulatedProtocol {
    let name = "calamp"
    let transport = Transport.udp

    func login(imei: String, sequence: Int) -> SimMessage? { nil }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let seq = UInt16(truncatingIfNeeded: sequence)
        let header = Self.optionsHeader(imei: imei) + [CalAmpMessage.acknowledgedService, CalAmpMessageType.eventReport.rawValue] + bigEndianBytes(seq)
        let ack = [0x02, CalAmpMessageType.ack.rawValue] + bigEndianBytes(seq) + [CalAmpMessageType.eventReport.rawValue, 0, 0, 0, 0, 0]
        return SimMessage(header + Self.eventReport(fix), ack: .exact(ack))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? { nil }

    /// Options byte (mobile ID and ID type present), the IMEI as hex digits padded with `F`, ID type 2 (IMEI).
    static func optionsHeader(imei: String) -> [UInt8] {
        let digits = Array((imei.count % 2 == 0 ? imei : imei + "F").utf8)
        let id = stride(from: 0, to: digits.count, by: 2).map { HexText.nibble(digits[$0])! << 4 | HexText.nibble(digits[$0 + 1])! }
        return [0x83, UInt8(id.count)] + id + [0x01, 0x02]
    }

    /// Update and fix time, lat/lon in 1e-7°, altitude in cm, speed in cm/s, heading, 9
    /// satellites with a fix, carrier, RSSI, comm state, HDOP 1, ignition as input 0, event
    /// code 0 and no accumulators.
    static func eventReport(_ fix: SimFix) -> [UInt8] {
        let time = bigEndianBytes(UInt32(fix.timeMs / 1000))
        let location = bigEndianBytes(Int32((fix.latitude * 1e7).rounded())) + bigEndianBytes(Int32((fix.longitude * 1e7).rounded()))
        let motion = bigEndianBytes(Int32(4_000)) + bigEndianBytes(UInt32((fix.speedKmh / 0.036).rounded()))
            + bigEndianBytes(Int16(Int(fix.courseDeg.rounded()) % 360))
        let status: [UInt8] = [9, 0x02] + bigEndianBytes(UInt16(1)) + bigEndianBytes(Int16(-70)) + [0x3F, 1, fix.ignition ? 1 : 0, 0]
        return time + time + location + motion + status + [0, 0] + [0, 0]
    }
}
