import Benchmarks
import Foundation
import Testing
import TrackwireProtocol
@testable import Geofence

/// Shapes, distances and the antimeridian and poles, against hand-checked values.
@Suite struct GeometryTests {
    @Test func polygon_withHole_excludesTheHole() throws {
        let outer = try #require(ring([(0, 0), (0, 10), (10, 10), (10, 0)]))
        let hole = try #require(ring([(4, 4), (4, 6), (6, 6), (6, 4)]))
        let polygon = Polygon(outer: outer, holes: [hole])
        #expect(polygon.contains(latitude: 2, longitude: 2))
        #expect(!polygon.contains(latitude: 5, longitude: 5))
        #expect(polygon.contains(latitude: 5, longitude: 7))
        #expect(!polygon.contains(latitude: 11, longitude: 5))
    }

    @Test func multiPolygonWithHole_fromGeoJSON() throws {
        let fence = try GeoJSONFence.feature(json: feature(id: "m", geometry: #"{"type":"MultiPolygon","coordinates":[[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[4,4],[6,4],[6,6],[4,6],[4,4]]],[[[20,20],[21,20],[21,21],[20,21],[20,20]]]]}"#))
        #expect(fence.shape.contains(GeoPoint(latitude: 2, longitude: 2)))
        #expect(!fence.shape.contains(GeoPoint(latitude: 5, longitude: 5)))
        #expect(fence.shape.contains(GeoPoint(latitude: 20.5, longitude: 20.5)))
        #expect(!fence.shape.contains(GeoPoint(latitude: 15, longitude: 15)))
    }

    @Test func ring_fewerThanThreeDistinctVertices_isRefused() {
        #expect(ring([(0, 0), (1, 1), (0, 0)]) == nil)
    }

    @Test func antimeridianPolygon_containsPointsOnBothSides() throws {
        // 170°E … 170°W as one ring across ±180 (RFC 7946 says split it; tools often do not).
        let fence = try GeoJSONFence.feature(json: feature(id: "fiji", geometry: #"{"type":"Polygon","coordinates":[[[170,-20],[-170,-20],[-170,-10],[170,-10],[170,-20]]]}"#))
        #expect(fence.shape.contains(GeoPoint(latitude: -15, longitude: 175)))
        #expect(fence.shape.contains(GeoPoint(latitude: -15, longitude: -175)))
        #expect(fence.shape.contains(GeoPoint(latitude: -15, longitude: 180)))
        #expect(!fence.shape.contains(GeoPoint(latitude: -15, longitude: 0)))
        #expect(!fence.shape.contains(GeoPoint(latitude: -15, longitude: 165)))
        #expect(!fence.shape.contains(GeoPoint(latitude: -15, longitude: -165)))
        #expect(fence.shape.indexBoxes.count == 2)
    }

    @Test func antimeridianPolygon_isFoundThroughTheIndexFromBothSides() throws {
        let fence = try GeoJSONFence.feature(json: feature(id: "fiji", geometry: #"{"type":"Polygon","coordinates":[[[170,-20],[-170,-20],[-170,-10],[170,-10],[170,-20]]]}"#))
        var index = FenceIndex([fence])
        var found: [Int32] = []
        for longitude in [171.0, 179.9, -180, -179.9, -171] {
            index.containing(GeoPoint(latitude: -15, longitude: longitude), into: &found)
            #expect(found.count == 1, "lon \(longitude)")
        }
        index.containing(GeoPoint(latitude: -15, longitude: 0), into: &found)
        #expect(found.isEmpty)
    }

    @Test func polygonWrittenPast180_isTheSameArea() throws {
        let fence = try GeoJSONFence.feature(json: feature(id: "east", geometry: #"{"type":"Polygon","coordinates":[[[170,-20],[190,-20],[190,-10],[170,-10],[170,-20]]]}"#))
        #expect(fence.shape.contains(GeoPoint(latitude: -15, longitude: -175)))
        #expect(fence.shape.contains(GeoPoint(latitude: -15, longitude: 172)))
        #expect(!fence.shape.contains(GeoPoint(latitude: -15, longitude: -165)))
    }

    @Test func ringAroundThePole_containsThePoleSide() throws {
        let fence = try GeoJSONFence.feature(json: feature(id: "arctic", geometry: #"{"type":"Polygon","coordinates":[[[-180,80],[-90,80],[0,80],[90,80],[180,80]]]}"#))
        var index = FenceIndex([fence])
        var found: [Int32] = []
        for longitude in stride(from: -180.0, through: 180, by: 45) {
            #expect(fence.shape.contains(GeoPoint(latitude: 85, longitude: longitude)), "lon \(longitude)")
            #expect(!fence.shape.contains(GeoPoint(latitude: 75, longitude: longitude)), "lon \(longitude)")
            index.containing(GeoPoint(latitude: 89.9, longitude: longitude), into: &found)
            #expect(found.count == 1, "lon \(longitude)")
        }
    }

    @Test func circle_usesEllipsoidalDistance() throws {
        let fence = try GeoJSONFence.feature(json: feature(id: "depot", geometry: #"{"type":"Point","coordinates":[13.4,52.52]}"#, properties: #""radius_m":200"#))
        // 0.0017° of latitude at 52.5°N is ≈ 189.3 m; 0.0019° ≈ 211.6 m.
        #expect(fence.shape.contains(GeoPoint(latitude: 52.5217, longitude: 13.4)))
        #expect(!fence.shape.contains(GeoPoint(latitude: 52.5219, longitude: 13.4)))
    }

    @Test func vincenty_matchesAKnownGeodesic() {
        // Flinders Peak to Buninyong, the test line of Vincenty (1975): 54 972.271 m.
        let flinders = GeoPoint(latitude: -(37 + 57 / 60.0 + 3.72030 / 3600), longitude: 144 + 25 / 60.0 + 29.52440 / 3600)
        let buninyong = GeoPoint(latitude: -(37 + 39 / 60.0 + 10.15610 / 3600), longitude: 143 + 55 / 60.0 + 35.38390 / 3600)
        #expect(abs(Geodesic.distance(flinders, buninyong) - 54_972.271) < 0.01)
    }

    @Test func circle_acrossTheAntimeridianAndAtThePole() throws {
        let dateLine = FenceShape.circle(center: GeoPoint(latitude: 0, longitude: 179.999), radiusM: 1_000)
        #expect(dateLine.contains(GeoPoint(latitude: 0, longitude: -179.997)))  // ≈ 445 m east
        #expect(dateLine.indexBoxes.count == 2)
        let pole = FenceShape.circle(center: GeoPoint(latitude: 89.999, longitude: 0), radiusM: 1_000)
        #expect(pole.contains(GeoPoint(latitude: 89.9995, longitude: 180)))
        #expect(pole.indexBoxes == [GeoBox.band(minLatitude: pole.box.minLatitude, maxLatitude: 90)])
    }

    @Test func corridor_containsPointsWithinHalfItsWidth() throws {
        let fence = try GeoJSONFence.feature(json: feature(id: "a9", geometry: #"{"type":"LineString","coordinates":[[11.0,48.0],[11.0,48.1],[11.1,48.1]]}"#, properties: #""width_m":100"#))
        // 0.0006° of longitude at 48°N ≈ 44.6 m; 0.0008° ≈ 59.5 m.
        #expect(fence.shape.contains(GeoPoint(latitude: 48.05, longitude: 11.0006)))
        #expect(!fence.shape.contains(GeoPoint(latitude: 48.05, longitude: 11.0008)))
        #expect(fence.shape.contains(GeoPoint(latitude: 48.1004, longitude: 11.05)))  // ≈ 44.5 m north of the second leg
        #expect(!fence.shape.contains(GeoPoint(latitude: 47.99, longitude: 11.0)))  // beyond the end
    }

    @Test func corridor_acrossTheAntimeridian() {
        let corridor = FenceShape.corridor(path: [GeoPoint(latitude: 0, longitude: 179.9), GeoPoint(latitude: 0, longitude: -179.9)], widthM: 200)
        #expect(corridor.contains(GeoPoint(latitude: 0.0005, longitude: 180)))
        #expect(!corridor.contains(GeoPoint(latitude: 0.0005, longitude: 0)))
        var index = FenceIndex([Fence(id: "strait", shape: corridor)])
        var found: [Int32] = []
        index.containing(GeoPoint(latitude: 0, longitude: -179.95), into: &found)
        #expect(found.count == 1)
    }

    @Test func segmentThroughShapes_isCrossed() throws {
        let circle = FenceShape.circle(center: GeoPoint(latitude: 0, longitude: 0), radiusM: 100)
        #expect(circle.isCrossed(from: GeoPoint(latitude: 0, longitude: -0.01), to: GeoPoint(latitude: 0, longitude: 0.01)))
        #expect(!circle.isCrossed(from: GeoPoint(latitude: 0.01, longitude: -0.01), to: GeoPoint(latitude: 0.01, longitude: 0.01)))
        let polygon = FenceShape.polygons([Polygon(outer: try #require(ring([(-1, 179), (-1, -179), (1, -179), (1, 179)])))])
        #expect(polygon.isCrossed(from: GeoPoint(latitude: -2, longitude: 180), to: GeoPoint(latitude: 2, longitude: 180)))
        #expect(!polygon.isCrossed(from: GeoPoint(latitude: -2, longitude: 170), to: GeoPoint(latitude: 2, longitude: 170)))
        let corridor = FenceShape.corridor(path: [GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 0, longitude: 1)], widthM: 50)
        #expect(corridor.isCrossed(from: GeoPoint(latitude: -0.1, longitude: 0.5), to: GeoPoint(latitude: 0.1, longitude: 0.5)))
        #expect(!corridor.isCrossed(from: GeoPoint(latitude: -0.1, longitude: 1.5), to: GeoPoint(latitude: 0.1, longitude: 1.5)))
    }

    @Test func rtree_findsExactlyWhatALinearScanFinds() {
        var generator = SplitMix(seed: 7)
        let boxes = (0..<2_000).map { _ -> GeoBox in
            let lat = generator.next(in: -80...80), lon = generator.next(in: -180...175)
            return GeoBox(minLatitude: lat, maxLatitude: lat + generator.next(in: 0...5), minLongitude: lon, maxLongitude: lon + generator.next(in: 0...5))
        }
        let tree = RTree(boxes.enumerated().map { (Int32($0.offset), $0.element) })
        for _ in 0..<2_000 {
            let lat = generator.next(in: -90...90), lon = generator.next(in: -180...180)
            var found: [Int32] = []
            tree.search(latitude: lat, longitude: lon, into: &found)
            let expected = boxes.indices.filter { boxes[$0].contains(latitude: lat, longitude: lon) }.map(Int32.init)
            #expect(found.sorted() == expected)
        }
    }

    @Test func index_agreesWithALinearScanOfTheShapes() {
        let fences = GeofenceBenchmark.polygonFences(count: 500, vertices: 20, seed: 3)
        var index = FenceIndex(fences)
        var generator = SplitMix(seed: 11)
        var found: [Int32] = []
        var hits = 0
        for _ in 0..<3_000 {
            let point = GeofenceBenchmark.samplePoint(&generator, near: fences)
            index.containing(point, into: &found)
            let expected = Set(fences.filter { $0.shape.contains(point) }.map(\.id))
            #expect(Set(found.map { index.fence(at: $0).id }) == expected)
            hits += expected.count
        }
        #expect(hits > 100, "the sample should land in fences often enough to mean something")
    }

    @Test func geoJSON_badFeatures_sayWhy() throws {
        #expect(throws: FenceError.self) { try GeoJSONFence.feature(json: feature(id: "c", geometry: #"{"type":"Point","coordinates":[0,0]}"#)) }
        #expect(throws: FenceError.self) { try GeoJSONFence.feature(json: feature(id: "p", geometry: #"{"type":"Polygon","coordinates":[[[0,0],[1,1]]]}"#)) }
        #expect(throws: FenceError.self) { try GeoJSONFence.feature(json: feature(id: "l", geometry: #"{"type":"Point","coordinates":[0,95]}"#, properties: #""radius_m":5"#)) }
        #expect(throws: FenceError.self) { try GeoJSONFence.feature(json: feature(id: "d", geometry: #"{"type":"Point","coordinates":[0,0]}"#, properties: #""radius_m":5,"detect":["teleport"]"#)) }
        let collection = #"{"type":"FeatureCollection","features":[\#(feature(id: "ok", geometry: #"{"type":"Point","coordinates":[0,0]}"#, properties: #""radius_m":5"#)),{"type":"Feature"}]}"#
        let (fences, problems) = try GeoJSONFence.collection(Data(collection.utf8))
        #expect(fences.map(\.id) == ["ok"])
        #expect(problems.count == 1)
    }

    @Test func geoJSON_properties_becomeRules() throws {
        let fence = try GeoJSONFence.feature(json: feature(id: "z", geometry: #"{"type":"Point","coordinates":[0,0]}"#,
            properties: #""radius_m":5,"name":"Zone","speed_limit_kmh":30,"dwell_s":60,"detect":["enter","dwell"]"#))
        #expect(fence.name == "Zone")
        #expect(fence.speedLimitKmh == 30)
        #expect(fence.dwellSeconds == 60)
        #expect(fence.detections == [.enter, .dwell])
    }
}

/// A ring from (latitude, longitude) pairs.
func ring(_ vertices: [(Double, Double)]) -> Ring? {
    Ring(vertices.map { GeoPoint(latitude: $0.0, longitude: $0.1) })
}

/// A GeoJSON Feature's text.
func feature(id: String, geometry: String, properties: String = "") -> String {
    #"{"type":"Feature","id":"\#(id)","geometry":\#(geometry),"properties":{\#(properties)}}"#
}
