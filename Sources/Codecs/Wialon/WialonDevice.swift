/// A Wialon IPS 1.1 tracker over TCP: `#L#<imei>;NA` (acked `#AL#1`), `#D#` records with HDOP,
/// inputs and an `ignition:3:true|false` parameter (acked `#AD#1`), and `#P#` pings (`#AP#`).
struct WialonDevice: SimulatedProtocol {
    let name = "wialon"
    /// Fix times are whole seconds on the wire (`hhmmss`).
    let fixTimeResolutionMs: Int64 = 1000

    func login(imei: String, sequence: Int) -> SimMessage? {
        SimMessage(text: "#L#\(imei);NA\r\n", ack: .text("#AL#1\r\n"))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let (lat, ns) = SimText.nmea(latitude: fix.latitude)
        let (lon, ew) = SimText.nmea(longitude: fix.longitude)
        let fields = [
            SimText.stamp(fix.timeMs, "ddMMyy"), SimText.stamp(fix.timeMs, "HHmmss"), lat, ns, lon, ew,
            SimText.fixed(fix.speedKmh, 1), SimText.fixed(fix.courseDeg, 1), "40", "10", "0.9", fix.ignition ? "1" : "0", "0", "NA", "NA",
            "ignition:3:\(fix.ignition)",
        ]
        return SimMessage(text: "#D#" + fields.joined(separator: ";") + "\r\n", ack: .text("#AD#1\r\n"))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        SimMessage(text: "#P#\r\n", ack: .text("#AP#\r\n"))
    }
}
