/// A Queclink GL200-family tracker: `+RESP:GTFRI` reports (km/h, lon before lat, ignition in the
/// device status) that get no reply by default, and `+ACK:GTHBD` heartbeats answered
/// `+SACK:GTHBD,<version>,<count>$`.
struct GL200Device: SimulatedProtocol {
    let name = "gl200"
    /// The protocol version field (a GV300-family device).
    static let version = "8020040703"

    func login(imei: String, sequence: Int) -> SimMessage? { nil }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let time = SimText.stamp(fix.timeMs, "yyyyMMddHHmmss")
        let fields = ["+RESP:GTFRI", Self.version, imei, "", "", "10", "1", "1", SimText.fixed(fix.speedKmh, 1), String(Int(fix.courseDeg.rounded()) % 360),
                      "40.0", SimText.fixed(fix.longitude, 6), SimText.fixed(fix.latitude, 6), time, "", "", "", "", "00",
                      "", "", "", "", "", "100", fix.ignition ? "210000" : "110000", "", "", "", time, Self.count(sequence)]
        return SimMessage(text: fields.joined(separator: ",") + "$")
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        let count = Self.count(sequence)
        return SimMessage(text: "+ACK:GTHBD,\(Self.version),\(imei),,\(SimText.stamp(timeMs, "yyyyMMddHHmmss")),\(count)$",
                          ack: .text("+SACK:GTHBD,\(Self.version),\(count)$"))
    }

    /// The 4-hex-digit count number that ends every message.
    private static func count(_ sequence: Int) -> String {
        let hex = String(UInt16(truncatingIfNeeded: sequence), radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }
}
