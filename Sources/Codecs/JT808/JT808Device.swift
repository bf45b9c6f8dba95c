/// A JT808 terminal that carries its IMEI in the terminal id (48-bit, as Jimi trackers do):
/// 0x0100 registration (answered 0x8100), 0x0200 location reports with odometer, signal and
/// satellites, and empty 0x0002 heartbeats, both answered with the 0x8001 general response.
/// Times go out in the terminal's clock, GMT+8.
struct JT808Device: SimulatedProtocol {
    let name = "jt808"
    /// Fix times are whole seconds on the wire (BCD seconds).
    let fixTimeResolutionMs: Int64 = 1000

    /// The IMEI's first 14 digits with the Luhn digit Traccar appends.
    func deviceId(imei: String) -> String { JT808Identity.deviceId(Self.terminalId(imei)) }

    func login(imei: String, sequence: Int) -> SimMessage? {
        var body: [UInt8] = [0x00, 0x2C, 0x01, 0x2F] + Array("SIMTW".utf8)  // province, city, manufacturer
        body += Array("TW-SIM".utf8) + [UInt8](repeating: 0, count: 14)  // model, 20 bytes
        body += Array("0000042".utf8) + [0x01] + Array("TW0042".utf8)  // terminal id, plate colour, plate
        return Self.message(0x0100, imei: imei, sequence: sequence, body: body, reply: JT808Reply.registration)
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        var status: UInt32 = 0x02  // fix valid
        if fix.ignition { status |= 0x01 }
        if fix.latitude < 0 { status |= 0x04 }
        if fix.longitude < 0 { status |= 0x08 }
        var body = bigEndianBytes(UInt32(0)) + bigEndianBytes(status)
        body += bigEndianBytes(UInt32((abs(fix.latitude) * 1_000_000).rounded())) + bigEndianBytes(UInt32((abs(fix.longitude) * 1_000_000).rounded()))
        body += bigEndianBytes(Int16(40)) + bigEndianBytes(UInt16((fix.speedKmh * 10).rounded()))
        body += bigEndianBytes(UInt16(Int(fix.courseDeg.rounded()) % 360)) + JT808Reply.bcdTime(fix.timeMs, offsetMinutes: 480)
        body += [0x01, 0x04] + bigEndianBytes(UInt32(123_456)) + [0x30, 0x01, 0x1F, 0x31, 0x01, 0x0A]  // odometer, RSSI, satellites
        return Self.message(0x0200, imei: imei, sequence: sequence, body: body)
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        Self.message(0x0002, imei: imei, sequence: sequence, body: [])
    }

    /// A terminal frame and the reply the codec gives it (the 0x8001 general response by default).
    private static func message(
        _ type: UInt16, imei: String, sequence: Int, body: [UInt8], reply: (JT808Frame) -> [UInt8] = JT808Reply.general
    ) -> SimMessage {
        let serial = bigEndianBytes(UInt16(truncatingIfNeeded: sequence))
        let bytes = JT808Reply.message(type, terminalId: terminalId(imei), serial: serial, body: body)
        return SimMessage(bytes, ack: (try? JT808Frame(bytes)).map { .exact(reply($0)) })
    }

    private static func terminalId(_ imei: String) -> [UInt8] {
        JT808Identity.terminalId(for: imei) ?? [UInt8](repeating: 0, count: 6)
    }
}
