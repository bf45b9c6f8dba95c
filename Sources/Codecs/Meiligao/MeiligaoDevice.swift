/// A Meiligao VT310: a 0x5000 login and 0x0001 heartbeats, each acked (0x4000 / 0x0001 `01`),
/// and 0x9955 reports whose state word carries the ignition as input 1; reports get no reply.
/// The id holds 14 digits in BCD, which the codec reports with their Luhn digit appended: the
/// device sends the IMEI's last 14 digits, so that simulated IMEIs differing only in their last
/// digit (which are no Luhn-valid IMEIs) keep distinct ids.
struct MeiligaoDevice: SimulatedProtocol {
    let name = "meiligao"

    func deviceId(imei: String) -> String {
        let digits = String(imei.suffix(14))
        return digits.count == 14 ? digits + String(MeiligaoFrame.luhnDigit(digits)) : digits
    }

    func login(imei: String, sequence: Int) -> SimMessage? { Self.message(MeiligaoCommand.login, imei: imei, ack: MeiligaoCommand.loginResponse) }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let (latitude, north) = SimText.nmea(latitude: fix.latitude)
        let (longitude, east) = SimText.nmea(longitude: fix.longitude)
        let state = fix.ignition ? "0100" : "0000"
        let text = SimText.stamp(fix.timeMs, "HHmmss") + ".000,A,\(latitude),\(north),\(longitude),\(east),"
            + SimText.fixed(SimText.knots(fix.speedKmh), 2) + "," + SimText.fixed(fix.courseDeg, 2) + "," + SimText.stamp(fix.timeMs, "ddMMyy")
            + ",,*00|1.0|40|\(state)"
        return SimMessage(MeiligaoFrame.packet(marker: 0x24, rawId: Self.rawId(imei), command: MeiligaoCommand.position, data: Array(text.utf8)))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        Self.message(MeiligaoCommand.heartbeat, imei: imei, ack: MeiligaoCommand.heartbeat)
    }

    /// The IMEI's last 14 digits, two to a byte (`F`-padded when shorter).
    static func rawId(_ imei: String) -> [UInt8] { HexText.bytes(String((imei.suffix(14) + "FFFFFFFFFFFFFF").prefix(14)))! }

    private static func message(_ command: UInt16, imei: String, ack: UInt16) -> SimMessage {
        let id = rawId(imei)
        return SimMessage(MeiligaoFrame.packet(marker: 0x24, rawId: id, command: command, data: []), ack: .exact(MeiligaoFrame.packet(rawId: id, command: ack, data: [0x01])))
    }
}

