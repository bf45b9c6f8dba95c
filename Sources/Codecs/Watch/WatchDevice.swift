/// A 3G/SG kids' watch: `LK` link messages as login and heartbeat (echoed by the gateway) and
/// `UD` positions (km/h), which get no reply. The watch protocol carries no ignition.
struct WatchDevice: SimulatedProtocol {
    let name = "watch"

    func login(imei: String, sequence: Int) -> SimMessage? {
        let link = Self.frame(imei, "LK")
        return SimMessage(text: link, ack: .text(link))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let fields = ["UD", SimText.stamp(fix.timeMs, "ddMMyy"), SimText.stamp(fix.timeMs, "HHmmss"), "A",
                      SimText.fixed(abs(fix.latitude), 6), fix.latitude < 0 ? "S" : "N", SimText.fixed(abs(fix.longitude), 6), fix.longitude < 0 ? "W" : "E",
                      SimText.fixed(fix.speedKmh, 2), SimText.fixed(fix.courseDeg, 1), "40", "10", "100", "90", "0", "0", "00000000", "0", "1", "", "", "", "00"]
        return SimMessage(text: Self.frame(imei, fields.joined(separator: ",")))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? { login(imei: imei, sequence: sequence) }

    /// `[SG*<id>*<LEN>*<content>]`, LEN being the content's byte count in 4 hex digits.
    private static func frame(_ id: String, _ content: String) -> String {
        let length = String(content.utf8.count, radix: 16, uppercase: true)
        return "[SG*\(id)*\(String(repeating: "0", count: 4 - length.count) + length)*\(content)]"
    }
}
