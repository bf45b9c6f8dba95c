/// GPS103 fix times. The date and hh:mm come from the device's *local* stamp, the seconds from
/// the UTC field; the local−UTC difference (wrapped into ±12 h) is subtracted, which also gets the
/// date right across midnight (docs/protocols/gps103.md).
enum GPS103Time {
    /// The fix time: corrected local stamp; the UTC time of day nearest the receive time when the
    /// stamp is missing; the receive time when neither is usable.
    static func fixTime(local: LocalStamp?, utc: (hour: Int, minute: Int, second: Int)?, receivedAtMs: Int64) -> Int64 {
        let utc = utc.flatMap { $0.hour < 24 && $0.minute < 60 && $0.second < 60 ? $0 : nil }
        if let local, let localMs = UTCTime.milliseconds(
            year: local.year, month: local.month, day: local.day,
            hour: local.hour, minute: local.minute, second: utc?.second ?? 0
        ) {
            guard let utc else { return localMs }
            return localMs - Int64(offsetMinutes(local: local, utc: utc)) * 60_000
        }
        guard let utc else { return receivedAtMs }
        return UTCTime.nearest(hour: utc.hour, minute: utc.minute, second: utc.second, to: receivedAtMs)
    }

    /// Local minus UTC time of day in minutes, wrapped into (−12 h, +12 h].
    static func offsetMinutes(local: LocalStamp, utc: (hour: Int, minute: Int, second: Int)) -> Int {
        var delta = (local.hour - utc.hour) * 60 + local.minute - utc.minute
        if delta <= -12 * 60 {
            delta += 24 * 60
        } else if delta > 12 * 60 {
            delta -= 24 * 60
        }
        return delta
    }
}
