import Decoder
import Testing
import TrackwireProtocol

@Suite struct PositionFilterTests {
    static let nowMs: Int64 = 1_750_000_000_000

    static func fix(_ timeMs: Int64, lat: Double = 52.5, lon: Double = 13.4, valid: Bool = true,
                    attributes: [String: AttributeValue] = [:], device: String = "dev-1") -> Position {
        Position.with {
            $0.deviceID = device
            $0.fixTimeMs = timeMs
            $0.latitude = lat
            $0.longitude = lon
            $0.valid = valid
            $0.attributes = attributes
        }
    }

    static func filter(_ configure: (inout FilterSettings) -> Void) -> PositionFilter {
        var settings = FilterSettings()
        configure(&settings)
        return PositionFilter(settings: settings)
    }

    @Test func check_withEveryFilterOff_acceptsAnything() {
        var filter = PositionFilter(settings: FilterSettings())
        #expect(filter.check(Self.fix(0, lat: 0, lon: 0, valid: false), nowMs: Self.nowMs) == nil)
    }

    @Test func check_standaloneFilters_nameTheirReason() {
        var filter = Self.filter {
            $0.invalid = true; $0.zero = true; $0.futureMs = 86_400_000; $0.pastMs = 86_400_000 * 30
            $0.accuracyM = 100; $0.approximate = true
        }
        let t = Self.nowMs
        #expect(filter.check(Self.fix(t, valid: false), nowMs: t) == .invalid)
        #expect(filter.check(Self.fix(t, lat: 91), nowMs: t) == .invalid)
        #expect(filter.check(Self.fix(t, lat: 0, lon: 0), nowMs: t) == .zero)
        #expect(filter.check(Self.fix(t + 86_400_001), nowMs: t) == .future)
        #expect(filter.check(Self.fix(t - 86_400_000 * 31), nowMs: t) == .past)
        #expect(filter.check(Self.fix(t, attributes: ["accuracy": .double(150)]), nowMs: t) == .accuracy)
        #expect(filter.check(Self.fix(t, attributes: ["approximate": .bool(true)]), nowMs: t) == .approximate)
        #expect(filter.check(Self.fix(t, attributes: ["accuracy": .int(20)]), nowMs: t) == nil)
    }

    @Test func check_duplicateAndOutdated_compareWithTheLastAcceptedFix() {
        var filter = Self.filter { $0.duplicate = true; $0.outdated = true }
        let t = Self.nowMs
        #expect(filter.check(Self.fix(t, attributes: ["ignition": .bool(true)]), nowMs: t) == nil)
        #expect(filter.check(Self.fix(t, lat: 52.6, attributes: ["ignition": .bool(false)]), nowMs: t) == .duplicate)
        #expect(filter.check(Self.fix(t, attributes: ["alarm": .string("sos")]), nowMs: t) == nil, "a new attribute is not a duplicate")
        #expect(filter.check(Self.fix(t - 1000), nowMs: t) == .outdated)
        #expect(filter.check(Self.fix(t - 1000, device: "dev-2"), nowMs: t) == nil, "state is per device")
    }

    @Test func check_distanceMaxSpeedAndMinPeriod_thinOutAndDropJumps() {
        var filter = Self.filter { $0.distanceM = 50; $0.maxSpeedKmh = 300; $0.minPeriodMs = 5000 }
        let t = Self.nowMs
        #expect(filter.check(Self.fix(t), nowMs: t) == nil)
        #expect(filter.check(Self.fix(t + 60_000, lat: 52.5001), nowMs: t) == .distance, "11 m away")
        #expect(filter.check(Self.fix(t + 60_000, lat: 53.5), nowMs: t) == .maxSpeed, "111 km in a minute")
        #expect(filter.check(Self.fix(t + 2000, lat: 52.501), nowMs: t) == .minPeriod)
        #expect(filter.check(Self.fix(t + 60_000, lat: 52.51), nowMs: t) == nil, "1.1 km in a minute")
    }

    @Test func check_skipLimitAndSkipAttributes_letFixesPastTheComparingFilters() {
        var filter = Self.filter { $0.minPeriodMs = 60_000; $0.skipLimitMs = 30_000; $0.skipAttributes = ["alarm"] }
        let t = Self.nowMs
        #expect(filter.check(Self.fix(t), nowMs: t) == nil)
        #expect(filter.check(Self.fix(t + 10_000), nowMs: t) == .minPeriod)
        #expect(filter.check(Self.fix(t + 11_000, attributes: ["alarm": .string("sos")]), nowMs: t) == nil)
        #expect(filter.check(Self.fix(t + 42_000), nowMs: t) == nil, "31 s after the last accepted fix: past the skip limit")
    }

    @Test func check_dailyLimit_countsPerUTCDay() {
        var filter = Self.filter { $0.dailyLimit = 2 }
        let day: Int64 = 86_400_000
        let midnight = Self.nowMs / day * day
        #expect(filter.check(Self.fix(midnight + 1), nowMs: Self.nowMs) == nil)
        #expect(filter.check(Self.fix(midnight + 2), nowMs: Self.nowMs) == nil)
        #expect(filter.check(Self.fix(midnight + 3), nowMs: Self.nowMs) == .dailyLimit)
        #expect(filter.check(Self.fix(midnight + day), nowMs: Self.nowMs) == nil, "a new day starts a new count")
    }

    @Test func check_pastTheDeviceLimit_forgetsTheLeastRecentlyHeard() {
        var filter = PositionFilter(settings: { var s = FilterSettings(); s.outdated = true; return s }(), deviceLimit: 10)
        let t = Self.nowMs
        for index in 0..<11 { _ = filter.check(Self.fix(t, device: "d\(index)"), nowMs: t) }
        #expect(filter.check(Self.fix(t - 1, device: "d0"), nowMs: t) == nil, "d0 was forgotten")
        #expect(filter.check(Self.fix(t - 1, device: "d10"), nowMs: t) == .outdated, "d10 is remembered")
    }
}
