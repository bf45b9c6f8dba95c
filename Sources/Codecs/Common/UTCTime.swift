import TrackwireProtocol

/// Calendar arithmetic in UTC without Foundation: devices send broken-down times, and decoding
/// millions of them should not allocate a Calendar per frame.
public enum UTCTime {
    /// Unix milliseconds for a UTC date and time; two-digit years are taken as 2000+year.
    ///
    /// Fields out of range roll over as in Traccar's lenient calendar (Java's `Calendar`): month 18
    /// is June of the next year, day 0 the last day of the month before, second 60 the next
    /// minute. `nil` only when the result falls outside 1970–2100 or a field is absurdly large.
    public static func milliseconds(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0
    ) -> Int64? {
        let fullYear = (0..<100).contains(year) ? 2000 + year : year
        let fields = [month, day, hour, minute, second, millisecond]
        guard (1900...2200).contains(fullYear), fields.allSatisfy({ abs($0) <= 100_000 }) else { return nil }
        let monthIndex = fullYear * 12 + month - 1
        let rolledYear = monthIndex.quotientFloorDiv(12)
        let days = daysFromCivil(year: rolledYear, month: monthIndex - rolledYear * 12 + 1, day: 1) + day - 1
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        let ms = seconds * 1000 + Int64(millisecond)
        return (0..<latestMs).contains(ms) ? ms : nil
    }

    /// 2101-01-01T00:00:00Z: no device reports a later time.
    private static let latestMs: Int64 = 4_133_980_800_000

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The broken-down UTC date of unix milliseconds: (year, month, day, hour, minute, second).
    public static func components(_ ms: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let time = CivilTime.components(ms)
        return (time.year, time.month, time.day, time.hour, time.minute, time.second)
    }

    /// For protocols that send only a time of day: the fix time closest to `reference` (within ±12 h)
    /// whose UTC time of day is the given one.
    public static func nearest(hour: Int, minute: Int, second: Int, millisecond: Int = 0, to reference: Int64) -> Int64 {
        let dayMs: Int64 = 86_400_000
        let timeOfDay = Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
        let dayStart = reference.quotientFloorDiv(dayMs) * dayMs
        var candidate = dayStart + timeOfDay
        if candidate - reference > dayMs / 2 { candidate -= dayMs }
        if reference - candidate > dayMs / 2 { candidate += dayMs }
        return candidate
    }
}

extension BinaryInteger {
    /// Division rounding towards negative infinity.
    func quotientFloorDiv(_ divisor: Self) -> Self {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}
