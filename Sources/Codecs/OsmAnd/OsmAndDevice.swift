/// The Traccar Client / OsmAnd app: one HTTP GET per fix on a keep-alive connection, speed in
/// knots, acknowledged by any 2xx response. No login, no keep-alive.
struct OsmAndDevice: SimulatedProtocol {
    let name = "osmand"
    /// The `Host` header.
    let host: String

    /// `timestamp` carries milliseconds.
    let fixTimeResolutionMs: Int64 = 1

    func login(imei: String, sequence: Int) -> SimMessage? { nil }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let query = "id=\(imei)&timestamp=\(fix.timeMs)&lat=\(SimText.fixed(fix.latitude, 6))&lon=\(SimText.fixed(fix.longitude, 6))"
            + "&speed=\(SimText.fixed(SimText.knots(fix.speedKmh), 2))&bearing=\(SimText.fixed(fix.courseDeg, 1))&ignition=\(fix.ignition)"
        return SimMessage(text: "GET /?\(query) HTTP/1.1\r\nHost: \(host)\r\n\r\n", ack: .httpSuccess)
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? { nil }
}
