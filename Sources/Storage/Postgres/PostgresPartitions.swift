import Logging
import PostgresNIO

/// Daily range partitions of `positions`: `positions_pYYYYMMDD` holds fix times from that UTC
/// midnight to the next; `positions_default` holds whatever no daily partition covers. Pure naming
/// and arithmetic here; `PostgresPartitioner` does the DDL.
enum PostgresPartitions {
    static let dayMs: Int64 = 86_400_000
    static let prefix = "positions_p"
    static let defaultPartition = "positions_default"
    /// Serialises partition DDL between processes ("twpart" in ASCII).
    static let ddlLockKey: Int64 = 0x74_77_70_61_72_74

    /// The day number (days since 1970-01-01 UTC) holding `fixTimeMs`.
    static func day(of fixTimeMs: Int64) -> Int64 {
        fixTimeMs >= 0 ? fixTimeMs / dayMs : (fixTimeMs - dayMs + 1) / dayMs
    }

    /// The partition table's name for `day`.
    static func name(ofDay day: Int64) -> String {
        let (year, month, dayOfMonth) = civilDate(fromDay: day)
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(prefix)\(year)\(two(month))\(two(dayOfMonth))"
    }

    /// The day a partition name stands for; `nil` for names that are not daily partitions.
    static func day(ofName name: String) -> Int64? {
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count)
        guard digits.count == 8, let number = Int64(digits) else { return nil }
        return day(year: number / 10_000, month: number / 100 % 100, day: number % 100)
    }

    /// Inclusive start and exclusive end of `day` in unix ms.
    static func bounds(ofDay day: Int64) -> (from: Int64, to: Int64) {
        (day * dayMs, (day + 1) * dayMs)
    }

    /// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian, UTC).
    static func day(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `day(year:month:day:)`.
    static func civilDate(fromDay days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let dayOfMonth = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth)
    }
}

/// When daily partitions are made: ahead of time for the coming days, and on demand for a batch's
/// fix times within a window around now. Fix times outside the window go to the default partition
/// (a device with a broken clock must not create a table per bogus day).
public struct PartitionPolicy: Sendable, Equatable {
    /// Days after today whose partitions exist before any position arrives.
    public var daysAhead: Int64 = 2
    /// How far back a batch's fix time still gets its own daily partition.
    public var onDemandPastDays: Int64 = 400

    public init(daysAhead: Int64 = 2, onDemandPastDays: Int64 = 400) {
        self.daysAhead = daysAhead
        self.onDemandPastDays = onDemandPastDays
    }

    /// Whether `day` gets its own partition when a batch needs it, seen from `today`.
    func coversOnDemand(_ day: Int64, today: Int64) -> Bool {
        day >= today - onDemandPastDays && day <= today + daysAhead
    }
}
