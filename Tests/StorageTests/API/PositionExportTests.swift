import Foundation
import FoundationXML
import Testing
import TrackwireProtocol
@testable import Storage

@Suite struct PositionExportTests {
    let positions = [
        PositionFixtures.full(device: "a", fixTimeMs: 1000),
        PositionFixtures.full(device: "b&<x>", fixTimeMs: 2000),
        PositionFixtures.full(device: "a", fixTimeMs: 3000),
    ]

    @Test func positionJSON_roundTripsEveryFieldExactly() throws {
        let original = PositionFixtures.full()
        let text = PositionJSON.render(original).text
        #expect(text.contains("\"speed_kmh\":0.30000000000000004") && text.contains("\"battery\":12.0"))
        #expect(text.contains("\"fix_time\":\"2024-05-01T12:00:00.250Z\""))
        #expect(PositionJSON.parse(try JSONValue.parse(Array(text.utf8))) == original)
    }

    @Test func json_isAPageWithTheNextCursor() throws {
        let page = try JSONValue.parse(Array(PositionExportFormat.json.render(positions, nextCursor: "abc").utf8))
        #expect(page["positions"]?.arrayValue?.count == 3 && page["next_cursor"] == "abc")
        #expect(try JSONValue.parse(Array(PositionExportFormat.json.render([], nextCursor: nil).utf8))["next_cursor"] == .null)
    }

    @Test func geojson_hasAPointPerPositionAndALinePerDevice() throws {
        let collection = try JSONValue.parse(Array(PositionExportFormat.geojson.render(positions, nextCursor: nil).utf8))
        let features = try #require(collection["features"]?.arrayValue)
        #expect(collection["type"] == "FeatureCollection")
        #expect(features.filter { $0["geometry"]?["type"] == "Point" }.count == 3)
        let lines = features.filter { $0["geometry"]?["type"] == "LineString" }
        #expect(lines.count == 1 && lines[0]["properties"]?["device_id"] == "a")
        let point = try #require(features.first?["geometry"]?["coordinates"]?.arrayValue)
        #expect(point == [.double(positions[0].longitude), .double(positions[0].latitude)])
    }

    @Test func gpx_isAGPX11TrackPerDeviceWithEscapedNames() throws {
        let text = PositionExportFormat.gpx.render(positions, nextCursor: nil)
        let document = try XMLDocument(data: Data(text.utf8))
        let root = try #require(document.rootElement())
        #expect(root.name == "gpx" && root.value(of: "version") == "1.1")
        #expect(root.uri == "http://www.topografix.com/GPX/1/1")
        let tracks = root.elements(forName: "trk")
        #expect(tracks.map { $0.elements(forName: "name").first?.stringValue } == ["a", "b&<x>"])
        let point = try #require(tracks[0].elements(forName: "trkseg").first?.elements(forName: "trkpt").first)
        #expect(Double(point.value(of: "lat") ?? "") == positions[0].latitude)
        #expect(point.elements(forName: "time").first?.stringValue == "1970-01-01T00:00:01.000Z")
        #expect(tracks[0].elements(forName: "trkseg").first?.elements(forName: "trkpt").count == 2)
    }

    @Test func csv_hasAHeaderAndQuotesWhatNeedsIt() throws {
        let lines = PositionExportFormat.csv.render(positions, nextCursor: nil).components(separatedBy: "\r\n")
        #expect(lines[0] == CSVExport.columns.joined(separator: ","))
        #expect(lines.count == 5 && lines[4].isEmpty)
        let p = positions[0]
        #expect(lines[1].hasPrefix("a,gt06,1970-01-01T00:00:01.000Z,1000,0,1000123456,\(p.latitude),\(p.longitude),34.5,0.30000000000000004,"))
        #expect(lines[1].hasSuffix(#","{""alarm"":""sos,\""quoted\"""",""battery"":12.0,""ignition"":true,""odometer"":123456}""#))
    }

    @Test func contentTypes_nameEachFormat() {
        #expect(PositionExportFormat.geojson.contentType.hasPrefix("application/geo+json"))
        #expect(PositionExportFormat.gpx.contentType.hasPrefix("application/gpx+xml"))
        #expect(PositionExportFormat.csv.contentType.hasPrefix("text/csv"))
    }
}

extension XMLElement {
    /// An attribute's value (`attribute(forName:)` misses attributes of namespaced elements in
    /// swift-corelibs-foundation).
    func value(of attribute: String) -> String? {
        attributes?.first { $0.name == attribute }?.stringValue
    }
}
