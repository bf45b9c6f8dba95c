/// An H02 (Sinotrack `*HQ`) tracker: `V1` text positions, speed in knots, ignition in bit 10 of
/// the active-low status word; the gateway answers `*HQ,<id>,V4,V1,<time>#` and echoes `HTBT`.
struct H02Device: SimulatedProtocol {
    let name = "h02"

    func login(imei: String, sequence: Int) -> SimMessage? { nil }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let lat = SimText.nmea(latitude: fix.latitude), lon = SimText.nmea(longitude: fix.longitude)
        let status = fix.ignition ? "FFFFFFFF" : "FFFFFBFF"
        let fields = ["*HQ", imei, "V1", SimText.stamp(fix.timeMs, "HHmmss"), "A", lat.value, lat.hemisphere, lon.value, lon.hemisphere,
                      SimText.fixed(SimText.knots(fix.speedKmh), 2, width: 6), String(Int(fix.courseDeg.rounded()) % 360),
                      SimText.stamp(fix.timeMs, "ddMMyy"), status]
        return SimMessage(text: fields.joined(separator: ",") + "#", ack: .delimited(prefix: Array("*HQ,\(imei),V4,V1,".utf8), terminator: UInt8(ascii: "#")))
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? {
        SimMessage(text: "*HQ,\(imei),HTBT,100#", ack: .text("*HQ,\(imei),HTBT#"))
    }
}
