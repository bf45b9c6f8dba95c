/// A Topin tracker: the 0x01 login with its BCD IMEI (acked `78 78 <len> 01 01 0D 0A`, then the
/// server's time frame, which the sim skips), 0x10 GPS reports with the GT06 GPS block, altitude
/// and alarm byte (acked with their time), and 0x13 status reports (acked by their echo).
struct TopinDevice: SimulatedProtocol {
    let name = "topin"
    /// Fix times are whole seconds on the wire (binary seconds).
    let fixTimeResolutionMs: Int64 = 1000

    func login(imei: String, sequence: Int) -> SimMessage? {
        let bcd = HexText.bytes("0" + imei) ?? []
        let length = UInt8(truncatingIfNeeded: bcd.count)
        return SimMessage(TopinFrame.frame(length: length, type: 0x01, content: bcd), ack: .exact(TopinFrame.frame(length: length, type: 0x01, content: [0x01])))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let gps = GT06Device.gps(fix)
        let content = gps + bigEndianBytes(Int16(40)) + [0x00]  // altitude, no alarm
        let length = UInt8(content.count)
        return SimMessage(TopinFrame.frame(length: length, type: 0x10, content: content), ack: .exact(TopinFrame.frame(length: length, type: 0x10, content: gps.prefix(6))))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        // Battery 90 %, firmware 1, GMT+0, 5-minute interval, RSSI 20, no temperature, not charging.
        let status = TopinFrame.frame(length: 8, type: 0x13, content: [90, 1, 0, 5, 20, 0, 0, 0, 0])
        return SimMessage(status, ack: .exact(status))
    }
}
