import Foundation

/// Daily range partitions of `positions`: `positions_pYYYYMMDD` holds fix times from that UTC
/// midnight to the next; `positions_default` holds whatever no daily partition covers. Pure naming
/// and arithmetic here (UTC days); `PostgresPartitioner` does the DDL.
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
        let date = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86_400))
        return prefix + String(format: "%04d%02d%02d", date.year ?? 0, date.month ?? 0, date.day ?? 0)
    }

    /// The day a partition name stands for; `nil` for names that are not daily partitions.
    static func day(ofName name: String) -> Int64? {
        guard name.hasPrefix(prefix) else { return nil }
        let digits = name.dropFirst(prefix.count)
        guard digits.count == 8, let number = Int(digits),
              let date = calendar.date(from: DateComponents(year: number / 10_000, month: number / 100 % 100, day: number % 100))
        else { return nil }
        let day = Int64((date.timeIntervalSince1970 / 86_400).rounded(.down))
        // The calendar rolls 20250230 over into March; such a name is not one of ours.
        return self.name(ofDay: day) == name ? day : nil
    }

    /// Inclusive start and exclusive end of `day` in unix ms.
    static func bounds(ofDay day: Int64) -> (from: Int64, to: Int64) {
        (day * dayMs, (day + 1) * dayMs)
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
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
