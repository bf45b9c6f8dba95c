/// A GPS103 (TK103-2 / Coban) tracker: `##,imei:` login answered `LOAD`, bare-IMEI heartbeats
/// answered `ON`, and `tracker` lines (speed in knots, ACC after the altitude) that get no reply.
struct GPS103Device: SimulatedProtocol {
    let name = "gps103"

    func login(imei: String, sequence: Int) -> SimMessage? {
        SimMessage(text: "##,imei:\(imei),A;", ack: .text("LOAD"))
    }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let lat = SimText.nmea(latitude: fix.latitude), lon = SimText.nmea(longitude: fix.longitude)
        // The local stamp is sent in UTC, so the decoder's local→UTC correction is zero.
        let fields = ["imei:" + imei, "tracker", SimText.stamp(fix.timeMs, "yyMMddHHmmss"), "", "F", SimText.stamp(fix.timeMs, "HHmmss") + ".000",
                      "A", lat.value, lat.hemisphere, lon.value, lon.hemisphere, SimText.fixed(SimText.knots(fix.speedKmh), 2),
                      SimText.fixed(fix.courseDeg, 2), "40", fix.ignition ? "1" : "0"]
        return SimMessage(text: fields.joined(separator: ",") + ";")
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        SimMessage(text: imei + ";", ack: .text("ON"))
    }
}
