/// A Suntech ST300: legacy `ST300STT;...\r` status reports (km/h, ignition first in the io field)
/// and `ST300ALV;<id>\r` keep-alives. Suntech servers never reply.
struct SuntechDevice: SimulatedProtocol {
    let name = "suntech"

    func login(imei: String, sequence: Int) -> SimMessage? { nil }

    func position(_ fix: SimFix, imei: String, sequence: Int) -> SimMessage {
        let fields = ["ST300STT", imei, "04", "1097B", SimText.stamp(fix.timeMs, "yyyyMMdd"), SimText.stamp(fix.timeMs, "HH:mm:ss"), "0a5e3f",
                      SimText.fixed(fix.latitude, 6), SimText.fixed(fix.longitude, 6), SimText.fixed(fix.speedKmh, 3, width: 7),
                      SimText.fixed(fix.courseDeg, 2, width: 6), "10", "1", "0", "12.50", (fix.ignition ? "1" : "0") + "00000", "1",
                      String(sequence % 10_000)]
        return SimMessage(text: fields.joined(separator: ";") + "\r")
    }

    func heartbeat(imei: String, sequence: Int, timeMs: Int64) -> SimMessage? { SimMessage(text: "ST300ALV;\(imei)\r") }
}
