import BusTools
import Foundation
import Geofence
import TrackwireProtocol

/// `tw bench geofence`: how fast fences load and how many point checks a second one core does
/// (R-tree search plus exact re-check), on synthetic polygon fences spread over a region the size
/// of central Europe, with points half uniform over the region and half near a fence.
public enum GeofenceBenchmark {
    /// What a run measured.
    public struct Result: Sendable {
        /// Fences loaded.
        public var fences: Int
        /// Vertices per fence.
        public var vertices: Int
        /// Seconds to parse the GeoJSON FeatureCollection.
        public var parseSeconds: Double
        /// Seconds to build the index.
        public var indexSeconds: Double
        /// Point checks done, and their wall time.
        public var checks: Int
        public var checkSeconds: Double
        /// How many fences the checks found in all.
        public var hits: Int
        /// Positions taken by the whole detector (state machine included), and their wall time.
        public var positions: Int
        public var positionSeconds: Double

        /// The same-run baseline: point checks without the index (every fence's exact test),
        /// their count, hits and wall time. The hits must equal the indexed checks' on the same points.
        public var scanChecks: Int
        public var scanHits: Int
        public var indexedHitsOnScanPoints: Int
        public var scanSeconds: Double

        public var checksPerSecond: Double { Double(checks) / max(checkSeconds, 1e-9) }
        public var scanChecksPerSecond: Double { Double(scanChecks) / max(scanSeconds, 1e-9) }
        public var positionsPerSecond: Double { Double(positions) / max(positionSeconds, 1e-9) }
        public var loadSeconds: Double { parseSeconds + indexSeconds }
    }

    /// The region fences and points are spread over (latitude, longitude ranges).
    static let latitudes = 44.0...54.0
    static let longitudes = 0.0...20.0

    /// Runs the benchmark on one thread.
    public static func run(fences count: Int, vertices: Int, checks: Int, seed: UInt64 = 1) throws -> Result {
        let text = featureCollection(outlines(count: count, vertices: vertices, seed: seed))
        let clock = ContinuousClock()
        var loaded: [Fence] = []
        let parse = try clock.measure { loaded = try GeoJSONFence.collection(Data(text.utf8)).fences }
        var index = FenceIndex(loaded)
        let build = clock.measure { index.refresh() }
        var generator = SplitMix(seed: seed &+ 1)
        let points = (0..<min(checks, 1 << 20)).map { _ in samplePoint(&generator, near: loaded) }
        var found: [Int32] = []
        var hits = 0
        for point in points.prefix(10_000) { index.containing(point, into: &found) }  // warm-up
        let checking = clock.measure {
            for step in 0..<checks {
                index.containing(points[step % points.count], into: &found)
                hits &+= found.count
            }
        }
        let positions = min(checks, 500_000)
        let detecting = clock.measure { drive(positions, through: index, points: points) }
        // The baseline scans every fence, so it gets as many fence tests as the indexed run got
        // point checks, at least one point.
        let scanPoints = Array(points.prefix(max(1, checks / max(loaded.count, 1))))
        var scanHits = 0
        let scanning = clock.measure {
            for point in scanPoints {
                for fence in loaded where fence.shape.contains(point) { scanHits += 1 }
            }
        }
        var indexedHits = 0
        for point in scanPoints {
            index.containing(point, into: &found)
            indexedHits += found.count
        }
        return Result(
            fences: loaded.count, vertices: vertices, parseSeconds: parse.inSeconds, indexSeconds: build.inSeconds,
            checks: checks, checkSeconds: checking.inSeconds, hits: hits, positions: positions, positionSeconds: detecting.inSeconds,
            scanChecks: scanPoints.count, scanHits: scanHits, indexedHitsOnScanPoints: indexedHits, scanSeconds: scanning.inSeconds
        )
    }

    /// Positions of 1 000 devices through a detector, one fix a second each, each device driving
    /// about 15 m a fix (54 km/h) on a heading that wanders, from a start among `points`.
    private static func drive(_ count: Int, through index: FenceIndex, points: [GeoPoint]) {
        var detector = GeofenceDetector(fences: index)
        var generator = SplitMix(seed: 99)
        var places = (0..<1_000).map { points[$0 % points.count] }
        var headings = places.map { _ in generator.next(in: 0...(2 * .pi)) }
        let ids = (0..<1_000).map { "bench-\($0)" }
        var position = Position()
        position.valid = true
        position.speedKmh = 54
        for step in 0..<count {
            let device = step % 1_000
            headings[device] += generator.next(in: -0.2...0.2)
            let stepDegrees = 15 / Geodesic.minimumMetresPerDegree
            places[device].latitude += stepDegrees * sin(headings[device])
            places[device].longitude += stepDegrees * cos(headings[device]) / cos(places[device].latitude * .pi / 180)
            position.deviceID = ids[device]
            position.fixTimeMs = 1_700_000_000_000 + Int64(step / 1_000) * 1_000
            position.latitude = places[device].latitude
            position.longitude = places[device].longitude
            _ = detector.process(position)
        }
    }

    /// One generated polygon: its id and vertices in order (not closed).
    public typealias Outline = (id: String, points: [GeoPoint])

    /// `count` star-shaped polygon fences of `vertices` vertices and 0.3–3 km radius over the region.
    public static func polygonFences(count: Int, vertices: Int, seed: UInt64) -> [Fence] {
        outlines(count: count, vertices: vertices, seed: seed).map { outline in
            Fence(id: outline.id, shape: .polygons([Polygon(outer: Ring(outline.points)!)]))
        }
    }

    /// The outlines of `polygonFences(count:vertices:seed:)`.
    public static func outlines(count: Int, vertices: Int, seed: UInt64) -> [Outline] {
        var generator = SplitMix(seed: seed)
        return (0..<count).map { number in
            let center = GeoPoint(latitude: generator.next(in: latitudes), longitude: generator.next(in: longitudes))
            let radius = generator.next(in: 300...3_000)
            let points = (0..<vertices).map { step -> GeoPoint in
                let angle = Double(step) / Double(vertices) * 2 * .pi
                let reach = radius * generator.next(in: 0.6...1.0) / Geodesic.minimumMetresPerDegree
                return GeoPoint(
                    latitude: center.latitude + reach * sin(angle),
                    longitude: center.longitude + reach * cos(angle) / cos(center.latitude * .pi / 180)
                )
            }
            return ("fence-\(number)", points)
        }
    }

    /// Half the time a point anywhere in the region, half the time one within 3 km of a fence.
    public static func samplePoint(_ generator: inout SplitMix, near fences: [Fence]) -> GeoPoint {
        guard !fences.isEmpty, generator.next() % 2 == 0 else {
            return GeoPoint(latitude: generator.next(in: latitudes), longitude: generator.next(in: longitudes))
        }
        let box = fences[Int(generator.next() % UInt64(fences.count))].shape.box
        return GeoPoint(
            latitude: generator.next(in: box.minLatitude...box.maxLatitude),
            longitude: generator.next(in: box.minLongitude...box.maxLongitude)
        )
    }

    /// Polygon fences as the storage API serves them: a GeoJSON FeatureCollection (rings closed).
    public static func featureCollection(_ outlines: [Outline]) -> String {
        let features = outlines.map { outline -> String in
            let ring = (outline.points + outline.points.prefix(1)).map { "[\($0.longitude),\($0.latitude)]" }.joined(separator: ",")
            return #"{"type":"Feature","id":"\#(outline.id)","geometry":{"type":"Polygon","coordinates":[[\#(ring)]]},"properties":{"name":"\#(outline.id)"}}"#
        }
        return #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
    }
}
