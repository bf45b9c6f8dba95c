import TrackwireProtocol

/// Topin Wi-Fi / cell reports (0x17, 0x18, 0x19, 0x1A, 0x69): a BCD time, one MAC and RSSI per
/// access point (the length byte counts them), the cell count, MCC, MNC and cells, then an
/// optional alarm byte. Positions carry no network, so the lists are walked, not kept; the
/// last known location stands.
enum TopinWifiReport {
    /// Reads one report.
    static func read(_ reader: inout ByteReader, accessPoints: Int, into d: inout PositionDraft) throws(DecodeError) {
        d.timeMs = try reader.bcdDateTime()
        try reader.skip(accessPoints * 7)
        let cells = Int(try reader.u8())
        try reader.skip(3 + cells * 5)  // MCC, MNC, then LAC, CID, RSSI per cell
        if reader.remaining > 2 { d.addAlarm(TopinAlarms.alarm(try reader.u8())) }
    }
}
