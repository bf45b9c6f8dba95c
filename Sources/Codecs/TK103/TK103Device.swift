/// A TK103 (Xexun `( … )`) tracker with a 12-digit id (the IMEI's last 12 digits): `BP00`
/// handshakes as login and heartbeat, answered `AP01HSO`, and fixed-width `BR00` positions
/// (km/h, ignition digit) that get no reply.
struct TK103Device: SimulatedProtocol {
    let name = "tk103"

    func deviceId(imei: String) -> String { String(imei.suffix(12)) }

    func login(imei: String, sequence: Int) -> SimMessage? {
        let id = deviceId(imei: imei)
        return SimMessage(text: "(\(id)BP00\(imei)HSO)", ack: .text("(\(id)AP01HSO)"))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let lat = SimText.nmea(latitude: fix.latitude), lon = SimText.nmea(longitude: fix.longitude)
        let body = deviceId(imei: imei) + "BR00" + SimText.stamp(fix.timeMs, "yyMMdd") + "A" + lat.value + lat.hemisphere + lon.value + lon.hemisphere
            + SimText.fixed(fix.speedKmh, 1, width: 5) + SimText.stamp(fix.timeMs, "HHmmss") + SimText.fixed(fix.courseDeg, 2, width: 6)
            + "0" + (fix.ignition ? "1" : "0") + "000000L00000000"
        return SimMessage(text: "(" + body + ")")
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? { login(imei: imei, sequence: sequence) }
}
