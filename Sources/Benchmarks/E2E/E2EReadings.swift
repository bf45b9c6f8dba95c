import Foundation
import GRDB

/// Cumulative bucket counts of one Prometheus histogram as /metrics printed them.
struct HistogramReading: Equatable {
    /// (upper bound in the metric's unit, cumulative count), ascending; `+Inf` is `.infinity`.
    var buckets: [Bucket]

    struct Bucket: Equatable {
        var upperBound: Double
        var count: Double
    }

    /// The `<name>_bucket{…,le="x"} n` lines of `metrics` (labels other than `le` ignored, so one
    /// series is expected).
    init(metrics: String, name: String) {
        let prefix = name + "_bucket{"
        var buckets: [Bucket] = []
        for line in metrics.split(separator: "\n") where line.hasPrefix(prefix) {
            guard let leStart = line.range(of: "le=\""),
                  let leEnd = line[leStart.upperBound...].firstIndex(of: "\""),
                  let count = line.split(separator: " ").last.flatMap({ Double($0) }) else { continue }
            let bound = line[leStart.upperBound..<leEnd]
            buckets.append(Bucket(upperBound: bound == "+Inf" ? .infinity : Double(bound) ?? .nan, count: count))
        }
        self.buckets = buckets.filter { !$0.upperBound.isNaN }.sorted { $0.upperBound < $1.upperBound }
    }

    init(buckets: [Bucket]) { self.buckets = buckets }

    var total: Double { buckets.last?.count ?? 0 }

    /// What was observed after `earlier` (same buckets).
    func since(_ earlier: HistogramReading) -> HistogramReading {
        guard earlier.buckets.count == buckets.count else { return self }
        return HistogramReading(buckets: zip(buckets, earlier.buckets).map { Bucket(upperBound: $0.upperBound, count: $0.count - $1.count) })
    }

    /// The q-quantile, interpolated linearly inside its bucket (as Prometheus'
    /// `histogram_quantile` does); nil without observations. In the `+Inf` bucket the answer is
    /// the last finite bound: "at least this".
    func quantile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let rank = q * total
        var lowerBound = 0.0
        var below = 0.0
        for bucket in buckets {
            if bucket.count >= rank {
                guard bucket.upperBound.isFinite else { return lowerBound }
                let inBucket = bucket.count - below
                return inBucket > 0 ? lowerBound + (bucket.upperBound - lowerBound) * (rank - below) / inBucket : bucket.upperBound
            }
            lowerBound = bucket.upperBound.isFinite ? bucket.upperBound : lowerBound
            below = bucket.count
        }
        return lowerBound
    }
}

/// Positions committed in tw-storage's SQLite file, counted by a read-only connection of its own.
struct StoredPositions {
    private let database: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        database = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Rows of the devices whose ids, all of one length, lie in `lower...upper`.
    func count(devicesFrom lower: String, through upper: String) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM positions WHERE device_id BETWEEN ? AND ?", arguments: [lower, upper]) ?? 0
        }
    }
}

/// The machine's CPU use from /proc/stat: busy and total jiffies over all cores.
struct MachineCPU {
    var busy: Double
    var total: Double

    init() {
        let line = (try? String(contentsOfFile: "/proc/stat", encoding: .utf8))?.split(separator: "\n").first ?? ""
        let values = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        // user nice system idle iowait irq softirq steal ...
        total = values.prefix(8).reduce(0, +)
        busy = total - (values.count > 4 ? values[3] + values[4] : 0)
    }

    /// The share of all cores busy since `earlier`, in percent of the whole machine.
    func busyPercent(since earlier: MachineCPU) -> Double {
        let total = self.total - earlier.total
        return total > 0 ? (busy - earlier.busy) / total * 100 : 0
    }
}
