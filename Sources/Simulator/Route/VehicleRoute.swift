import Codecs
import Foundation
import TrackwireProtocol

/// A vehicle driving a grid-like street network inside an area: straight blocks of 60–400 m,
/// turns at intersections, speeds up to 90 km/h reached and shed with bounded acceleration,
/// stops at lights (ignition on) and parking stops (ignition off, back on before leaving).
/// Deterministic for a given seed; time only moves through `advance(seconds:)`.
struct VehicleRoute: Sendable {
    static let maxSpeed = 25.0  // m/s, 90 km/h
    static let acceleration = 2.0  // m/s²
    static let braking = 3.0  // m/s², the most the vehicle brakes
    static let planBraking = 2.0  // m/s², what it plans with, leaving slack for half-second steps
    static let turnSpeed = 4.5  // m/s, about 16 km/h

    let area: SimArea
    private var random: SplitMix
    private(set) var east: Double
    private(set) var north: Double
    /// Degrees clockwise from north.
    private(set) var heading: Double
    /// Metres per second.
    private(set) var speed = 0.0
    private(set) var ignition = true
    private var cruise = 14.0
    private var remaining = 0.0
    private var stopLeft = 0.0
    private var parked = false
    private var next: Intersection

    /// What happens at the end of the current block.
    private struct Intersection: Sendable {
        var heading: Double
        var blockLength: Double
        var stop: (seconds: Double, parking: Bool)?
    }

    /// A vehicle somewhere in the inner 60 % of `area`, on a street grid turned at a random angle.
    init(area: SimArea, random: SplitMix) {
        self.area = area
        self.random = random
        let radius = area.radiusKm * 1000
        let distance = radius * 0.6 * self.random.nextUnit().squareRoot()
        let bearing = self.random.nextUnit() * 2 * .pi
        east = distance * sin(bearing)
        north = distance * cos(bearing)
        heading = (self.random.nextUnit() * 90).rounded() + Double(Int.random(in: 0..<4, using: &self.random) * 90)
        next = Intersection(heading: heading, blockLength: 0, stop: nil)
        next = Intersection(heading: heading, blockLength: blockLength(), stop: nil)
        arrive()
    }

    /// The vehicle's report at `timeMs`.
    func fix(timeMs: Int64) -> SimFix {
        let point = area.coordinate(east: east, north: north)
        return SimFix(latitude: point.latitude, longitude: point.longitude, speedKmh: speed * 3.6,
                      courseDeg: heading.truncatingRemainder(dividingBy: 360), timeMs: timeMs, ignition: ignition)
    }

    /// Drives on for `seconds`, in steps of at most half a second.
    mutating func advance(seconds: Double) {
        var left = seconds
        while left > 0 {
            let step = min(0.5, left)
            drive(step)
            left -= step
        }
    }

    private mutating func drive(_ dt: Double) {
        if stopLeft > 0 {
            stopLeft -= dt
            // A parked vehicle switches its engine back on a few seconds before it leaves.
            ignition = !parked || stopLeft <= 3
            return
        }
        let endSpeed = next.stop != nil ? 0 : next.heading != heading ? Self.turnSpeed : cruise
        let ahead = max(0, remaining - speed * dt)
        let target = min(cruise, (endSpeed * endSpeed + 2 * Self.planBraking * ahead).squareRoot())
        speed = speed < target ? min(target, speed + Self.acceleration * dt) : max(target, speed - Self.braking * dt)
        let distance = max(speed, 1) * dt  // creep the last metres to a stop line
        if distance >= remaining {
            move(remaining)
            arrive()
        } else {
            move(distance)
            remaining -= distance
        }
    }

    private mutating func move(_ metres: Double) {
        east += metres * sin(heading * .pi / 180)
        north += metres * cos(heading * .pi / 180)
    }

    /// At an intersection: stop if planned, take the planned street, and plan the next intersection.
    private mutating func arrive() {
        if let stop = next.stop {
            stopLeft = stop.seconds
            parked = stop.parking
            speed = 0
            ignition = !parked
        }
        heading = next.heading
        remaining = next.blockLength
        // Street classes 30/50/70/90 km/h, capped so a vehicle can stop within the longest block.
        let street = [8.3, 13.9, 13.9, 19.4, 25.0].randomElement(using: &random)! * (0.9 + 0.1 * random.nextUnit())
        cruise = min(street, (2 * Self.planBraking * longestBlock * 0.7).squareRoot())
        let end = (east + remaining * sin(heading * .pi / 180), north + remaining * cos(heading * .pi / 180))
        // The next block is entered at most this fast, and must be long enough to stop in.
        let entering = max(speed, cruise)
        let length = max(blockLength(), min(longestBlock, entering * entering / (2 * Self.planBraking) + 10))
        next = Intersection(heading: nextHeading(from: end, blockLength: length), blockLength: length, stop: plannedStop())
    }

    /// Mostly straight on, sometimes left or right; never a street that leaves 90 % of the area.
    private mutating func nextHeading(from end: (Double, Double), blockLength: Double) -> Double {
        let roll = random.nextUnit()
        let preferred = roll < 0.6 ? [0.0, 90, -90] : roll < 0.8 ? [90, -90, 0] : [-90, 90, 0]
        let limit = area.radiusKm * 1000 * 0.9
        for turn in preferred {
            let candidate = (heading + turn + 360).truncatingRemainder(dividingBy: 360)
            let x = end.0 + blockLength * sin(candidate * .pi / 180), y = end.1 + blockLength * cos(candidate * .pi / 180)
            if (x * x + y * y).squareRoot() <= limit { return candidate }
        }
        return (heading + 180).truncatingRemainder(dividingBy: 360)
    }

    private mutating func plannedStop() -> (seconds: Double, parking: Bool)? {
        let roll = random.nextUnit()
        if roll < 0.04 { return (15 + 45 * random.nextUnit(), true) }
        if roll < 0.16 { return (5 + 20 * random.nextUnit(), false) }
        return nil
    }

    /// 60–400 m, shorter in small areas so every block fits well inside.
    private mutating func blockLength() -> Double {
        longestBlock * (0.15 + 0.85 * random.nextUnit())
    }

    private var longestBlock: Double { min(400, area.radiusKm * 1000 * 0.1) }
}

extension RandomNumberGenerator {
    /// A uniform number in 0..<1.
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
