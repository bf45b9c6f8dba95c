import Testing
@testable import Benchmarks

/// `tw bench e2e` reads device → stored latency from tw-storage's histogram in /metrics.
@Suite struct HistogramReadingTests {
    static let metrics = """
        # TYPE trackwire_storage_position_age_seconds histogram
        trackwire_storage_position_age_seconds_bucket{stage="storage",le="0.1"} 10
        trackwire_storage_position_age_seconds_bucket{stage="storage",le="0.2"} 60
        trackwire_storage_position_age_seconds_bucket{stage="storage",le="0.5"} 90
        trackwire_storage_position_age_seconds_bucket{stage="storage",le="+Inf"} 100
        trackwire_storage_position_age_seconds_sum{stage="storage"} 21.5
        trackwire_storage_position_age_seconds_count{stage="storage"} 100
        trackwire_storage_commit_seconds_bucket{stage="storage",le="0.1"} 7
        """

    @Test func parsesOnlyTheNamedHistogramsBuckets_inOrder() {
        let reading = HistogramReading(metrics: Self.metrics, name: "trackwire_storage_position_age_seconds")
        #expect(reading.buckets.map(\.upperBound) == [0.1, 0.2, 0.5, .infinity])
        #expect(reading.buckets.map(\.count) == [10, 60, 90, 100])
        #expect(reading.total == 100)
    }

    @Test func quantile_interpolatesInsideTheBucket() throws {
        let reading = HistogramReading(metrics: Self.metrics, name: "trackwire_storage_position_age_seconds")
        // Rank 50 lies 40 of 50 into (0.1, 0.2]; rank 5 halfway into (0, 0.1].
        #expect(abs(try #require(reading.quantile(0.5)) - 0.18) < 1e-9)
        #expect(abs(try #require(reading.quantile(0.05)) - 0.05) < 1e-9)
        // Rank 99 is in +Inf: the answer is "at least the last finite bound".
        #expect(reading.quantile(0.99) == 0.5)
    }

    @Test func since_keepsOnlyWhatWasObservedAfter_andNothingGivesNoQuantile() {
        let before = HistogramReading(metrics: Self.metrics, name: "trackwire_storage_position_age_seconds")
        let after = HistogramReading(metrics: Self.metrics.replacingOccurrences(of: "le=\"0.1\"} 10", with: "le=\"0.1\"} 30")
            .replacingOccurrences(of: "} 60", with: "} 80").replacingOccurrences(of: "} 90", with: "} 110")
            .replacingOccurrences(of: "le=\"+Inf\"} 100", with: "le=\"+Inf\"} 120"), name: "trackwire_storage_position_age_seconds")
        let delta = after.since(before)
        #expect(delta.buckets.map(\.count) == [20, 20, 20, 20])
        // All 20 new observations are at most 0.1 s: the median is interpolated to 0.05.
        #expect(abs((delta.quantile(0.5) ?? 0) - 0.05) < 1e-9)
        #expect(before.since(before).quantile(0.5) == nil)
        #expect(HistogramReading(metrics: "", name: "x").quantile(0.5) == nil)
    }
}
