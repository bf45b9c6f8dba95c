/// A Meitrack tracker: `$$<flag><len>,<IMEI>,AAA,35,...*<sum>\r\n` timed reports (km/h, ignition
/// on input 1), which get no reply. Meitrack has no login and no separate keep-alive.
struct MeitrackDevice: SimulatedProtocol {
    let name = "meitrack"

    func login(imei: String, sequence: Int) -> SimMessage? { nil }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let fields = [imei, "AAA", "35", SimText.fixed(fix.latitude, 6), SimText.fixed(fix.longitude, 6), SimText.stamp(fix.timeMs, "yyMMddHHmmss"),
                      "A", "10", "24", String(Int(fix.speedKmh.rounded())), String(Int(fix.courseDeg.rounded()) % 360), "1.0", "40", "0", "0",
                      "262|1|101C|A3AE", fix.ignition ? "0100" : "0000", "0000|0000|0000|0190|04F0", "00000001", ""]
        let rest = "," + fields.joined(separator: ",") + "*"
        // The length counts from the first comma through the checksum and CRLF.
        let flag = Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(sequence % 26)))
        let head = "$$\(flag)\(rest.utf8.count + 4)"
        let sum = Checksums.sum8(Array((head + rest).utf8))
        let hex = String(sum, radix: 16, uppercase: true)
        return SimMessage(text: head + rest + (hex.count == 1 ? "0" + hex : hex) + "\r\n")
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? { nil }
}
