import Testing
import TrackwireProtocol
@testable import Storage

@Suite struct GeofenceFeatureTests {
    static let square = "[[[13.33,52.51],[13.37,52.51],[13.37,52.52],[13.33,52.52],[13.33,52.51]]]"

    private func geofence(_ json: String, id: String? = nil) throws -> Geofence {
        try GeofenceFeature.geofence(from: JSONValue.parse(Array(json.utf8)), id: id, updatedMs: 42, generateID: { "generated" })
    }

    private func rejection(_ json: String) -> String? {
        let error = #expect(throws: APIError.self) { try geofence(json) }
        #expect(error?.status == .badRequest)
        return error?.message
    }

    @Test func geofence_polygonWithRules_becomesTheRecordAndANormalisedFeature() throws {
        let fence = try geofence(#"""
            {"type":"Feature","id":"depot","geometry":{"type":"Polygon","coordinates":\#(Self.square)},
             "properties":{"name":"Depot","speed_limit_kmh":50,"dwell_s":300,"detect":["enter","exit"],"colour":"red"}}
            """#)
        #expect(fence.id == "depot" && fence.name == "Depot" && fence.speedLimitKmh == 50 && fence.dwellS == 300)
        #expect(fence.detect == ["enter", "exit"] && fence.updatedMs == 42)
        let feature = try JSONValue.parse(Array(fence.geojson.utf8))
        #expect(feature["type"] == "Feature" && feature["id"] == "depot")
        #expect(feature["properties"]?["colour"] == "red")
        #expect(feature["geometry"]?["coordinates"]?.arrayValue?.first?.arrayValue?.count == 5)
    }

    @Test func geofence_takesTheIdFromPropertiesThenGeneratesOne() throws {
        let circle = #"{"type":"Point","coordinates":[13.41,52.52]}"#
        #expect(try geofence(#"{"type":"Feature","geometry":\#(circle),"properties":{"id":"p","radius_m":200}}"#).id == "p")
        let generated = try geofence(#"{"type":"Feature","geometry":\#(circle),"properties":{"radius_m":200}}"#)
        #expect(generated.id == "generated" && generated.name == "generated")
        #expect(try geofence(#"{"type":"Feature","id":7,"geometry":\#(circle),"properties":{"radius_m":1}}"#).id == "7")
    }

    @Test func geofence_bodyIdDifferentFromPath_isAConflict() {
        let error = #expect(throws: APIError.self) {
            try geofence(#"{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[0,0]},"properties":{"radius_m":5}}"#, id: "b")
        }
        #expect(error?.status == .conflict)
    }

    /// The OpenAPI schema cannot require a ring's first and last positions to be equal, so an open
    /// ring is closed rather than refused: what is stored is RFC 7946.
    @Test func geofence_openRing_isStoredClosed() throws {
        let fence = try geofence(#"{"type":"Feature","id":"o","geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1]]],\#(Self.square)]}}"#)
        let polygons = try JSONValue.parse(Array(fence.geojson.utf8))["geometry"]?["coordinates"]?.arrayValue
        let open = polygons?.first?.arrayValue?.first?.arrayValue
        #expect(open?.count == 5 && open?.first == open?.last)
        #expect(polygons?.last?.arrayValue?.first?.arrayValue?.count == 5, "a closed ring is kept as it is")
    }

    @Test func geofence_wholeNumberDoubleId_isAnInteger() throws {
        #expect(try geofence(#"{"type":"Feature","id":7.0,"geometry":{"type":"Point","coordinates":[0,0]},"properties":{"radius_m":5}}"#).id == "7")
    }

    @Test func geofence_corridorAndMultiPolygon_areAccepted() throws {
        let corridor = try geofence(#"{"type":"Feature","id":"c","geometry":{"type":"LineString","coordinates":[[13.37,52.51],[13.40,52.51,34]]},"properties":{"width_m":80}}"#)
        #expect(corridor.id == "c")
        let multi = try geofence(#"{"type":"Feature","id":"m","geometry":{"type":"MultiPolygon","coordinates":[\#(Self.square),\#(Self.square)]}}"#)
        #expect(multi.detect.isEmpty && multi.dwellS == 0)
    }

    @Test(arguments: [
        (#"{"type":"FeatureCollection","features":[]}"#, "GeoJSON Feature"),
        (#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1]]]}}"#, "at least 4"),
        (#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[null,null]}}"#, "must be an array"),
        (#"{"type":"Feature","id":"","geometry":{"type":"Point","coordinates":[1,0]},"properties":{"radius_m":5}}"#, "1 to 200"),
        (#"{"type":"Feature","id":"a","geometry":{"type":"Point","coordinates":[1,0]},"properties":{"radius_m":5,"id":{}}}"#, "properties.id"),
        (#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}"#, "at least 4"),
        (#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,95],[1,0],[1,1],[0,95]]]}}"#, "latitude 95"),
        (#"{"type":"Feature","geometry":{"type":"Point","coordinates":[181,0]},"properties":{"radius_m":5}}"#, "longitude 181"),
        (#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,0]}}"#, "radius_m"),
        (#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,0]},"properties":{"radius_m":0}}"#, "radius_m"),
        (#"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,0],[2,0]]},"properties":{"width_m":-3}}"#, "width_m"),
        (#"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,0]]},"properties":{"width_m":3}}"#, "at least 2"),
        (#"{"type":"Feature","geometry":{"type":"GeometryCollection","geometries":[]}}"#, "not supported"),
        (#"{"type":"Feature","geometry":{"type":"Point","coordinates":["a","b"]},"properties":{"radius_m":5}}"#, "position"),
        (#"{"type":"Feature","geometry":null}"#, "geometry"),
        (#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,0]},"properties":{"radius_m":5,"detect":["teleport"]}}"#, "detect"),
        (#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,0]},"properties":{"radius_m":5,"dwell_s":1.5}}"#, "dwell_s"),
        (#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,0]},"properties":{"radius_m":5,"speed_limit_kmh":-1}}"#, "speed_limit_kmh"),
    ])
    func geofence_badFeature_isRefusedNamingTheProblem(json: String, mention: String) {
        let message = rejection(json)
        #expect(message?.contains(mention) == true, "\(message ?? "no error")")
    }
}
