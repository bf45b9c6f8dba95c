/// An ATrack AX7 over TCP: binary `@P` reports with one record each, naming the unit (the IMEI as
/// a number) and acked with `FE 02 <unit id> <seq>`; the ignition is input 0. The keep-alive
/// `FE 02 <unit id> <seq>` is echoed. No login.
struct AtrackDevice: SimulatedProtocol {
    let name = "atrack"

    /// The unit id is the IMEI read as a number, so leading zeros go.
    func deviceId(imei: String) -> String { UInt64(imei).map(String.init) ?? imei }

    func login(imei: String, sequence: Int) -> SimMessage? { nil }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let (seq, unit) = (bigEndianBytes(UInt16(truncatingIfNeeded: sequence)), bigEndianBytes(UInt64(imei) ?? 0))
        let body = seq + unit + Self.record(fix)
        let checked = bigEndianBytes(UInt16(body.count)) + body
        return SimMessage([0x40, 0x50] + bigEndianBytes(Checksums.crc16IBM(checked)) + checked, ack: .exact([0xFE, 0x02] + unit + seq))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        let keepAlive = [0xFE, 0x02] + bigEndianBytes(UInt64(imei) ?? 0) + bigEndianBytes(UInt16(truncatingIfNeeded: sequence))
        return SimMessage(keepAlive, ack: .exact(keepAlive))
    }

    /// GPS, RTC and send time; lon/lat in 1e-6°; heading; report id 2; odometer; HDOP 1.0;
    /// inputs (bit 0 ignition); km/h; outputs; analog; no driver; temperatures 20 °C; no message.
    static func record(_ fix: SimFix) -> [UInt8] {
        let time = bigEndianBytes(UInt32(fix.timeMs / 1000))
        return time + time + time + bigEndianBytes(Int32((fix.longitude * 1e6).rounded())) + bigEndianBytes(Int32((fix.latitude * 1e6).rounded()))
            + bigEndianBytes(UInt16(Int(fix.courseDeg.rounded()) % 360)) + [2] + bigEndianBytes(UInt32(0)) + bigEndianBytes(UInt16(10))
            + [fix.ignition ? 1 : 0] + bigEndianBytes(UInt16(fix.speedKmh.rounded())) + [0] + bigEndianBytes(UInt16(0))
            + [0] + bigEndianBytes(Int16(200)) + bigEndianBytes(Int16(200)) + [0]
    }
}
