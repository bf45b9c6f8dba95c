import Codecs
import Testing
import TrackwireProtocol

@testable import Simulator

/// Routes look like driving: inside the area, at most 90 km/h with bounded acceleration, with
/// stops, and the ignition going off and on again.
@Suite struct VehicleRouteTests {
    /// Two hours of one-second fixes for a few vehicles.
    static func drive(seed: UInt64, area: SimArea = .berlin, seconds: Int = 7_200) -> [SimFix] {
        var route = VehicleRoute(area: area, random: SplitMix(seed: seed, stream: 0))
        return (0..<seconds).map { second in
            route.advance(seconds: 1)
            return route.fix(timeMs: Int64(second) * 1000)
        }
    }

    @Test(arguments: [1, 2, 3, 42] as [UInt64])
    func routes_stayInTheArea_atPlausibleSpeeds(seed: UInt64) {
        let area = SimArea(latitude: 52.52, longitude: 13.405, radiusKm: 3)
        let fixes = Self.drive(seed: seed, area: area)
        for fix in fixes {
            let offset = area.offset(latitude: fix.latitude, longitude: fix.longitude)
            #expect((offset.east * offset.east + offset.north * offset.north).squareRoot() <= 3_000)
            #expect((0...90.001).contains(fix.speedKmh) && (0..<360).contains(fix.courseDeg))
        }
        for (a, b) in zip(fixes, fixes.dropFirst()) {
            // Never harder than 5 m/s² (an emergency stop) from one second to the next.
            #expect(abs(b.speedKmh - a.speedKmh) <= 18, "speed jumps \(a.speedKmh) → \(b.speedKmh)")
        }
        #expect(fixes.map(\.speedKmh).max()! > 40, "never got going")
        #expect(Set(fixes.map { Int($0.courseDeg) }).count >= 2, "never turned")
    }

    @Test(arguments: [1, 2, 3, 42] as [UInt64])
    func vehicles_stop_andSwitchTheIgnitionOffAndOn(seed: UInt64) {
        let fixes = Self.drive(seed: seed)
        let stoppedSeconds = fixes.count { $0.speedKmh == 0 }
        #expect(stoppedSeconds >= 30, "stopped only \(stoppedSeconds) s")
        let switches = zip(fixes, fixes.dropFirst()).filter { $0.ignition != $1.ignition }
        #expect(switches.contains { !$0.ignition && $1.ignition } && switches.contains { $0.ignition && !$1.ignition })
        #expect(fixes.allSatisfy { $0.ignition || $0.speedKmh == 0 }, "moving with the ignition off")
    }

    @Test func theSameSeed_drivesTheSameRoute() {
        #expect(Self.drive(seed: 9, seconds: 600) == Self.drive(seed: 9, seconds: 600))
        #expect(Self.drive(seed: 9, seconds: 600) != Self.drive(seed: 10, seconds: 600))
    }
}
