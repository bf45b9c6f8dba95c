import Foundation
import Testing
import TrackwireProtocol
@testable import Storage

/// The API over a live HTTP server and a real SQLite database.
@Suite(.serialized) struct APIRouteTests {
    static let devices = ["356307042441013", "862045030000001"]

    /// 25 fixes alternating between two devices, one second apart.
    static func history() -> [Position] {
        (0..<25).map { index in
            var position = PositionFixtures.full(device: devices[index % 2], fixTimeMs: 1_714_564_800_000 + Int64(index) * 1000)
            position.latitude += Double(index) * 0.000_123_456_789
            position.speedKmh = Double(index) / 3
            return position
        }
    }

    @Test func devices_listAndOne_and404ForUnknown() async throws {
        try await APITestServer.run(seed: WriteBatch(positions: Self.history())) { client, _ in
            let list = try await client.get("/api/devices")
            #expect(list.status == .ok)
            let devices = try #require(list.json["devices"]?.arrayValue)
            #expect(devices.map { $0["id"] } == Self.devices.map(JSONValue.string))
            let one = try await client.get("/api/devices/\(Self.devices[0])")
            #expect(one.json["last_position"]?["fix_time_ms"] == .int(1_714_564_800_000 + 24_000))
            try await client.get("/api/devices/nobody").expectError(.notFound, mentioning: "nobody")
        }
    }

    @Test func positions_pageByCursorAndComeBackWithIdenticalValues() async throws {
        let history = Self.history()
        try await APITestServer.run(seed: WriteBatch(positions: history)) { client, _ in
            var received: [Position] = []
            var uri = "/api/positions?limit=10&from=2024-05-01T12:00:00Z"
            var pages = 0
            while true {
                let reply = try await client.get(uri)
                #expect(reply.status == .ok, "\(reply.text)")
                received += (reply.json["positions"]?.arrayValue ?? []).compactMap(PositionJSON.parse)
                pages += 1
                guard let next = reply.json["next_cursor"]?.stringValue, pages < 10 else {
                    #expect(reply.headers[APIResponse.link] == nil)
                    break
                }
                let link = try #require(reply.headers[APIResponse.link])
                #expect(link.hasSuffix(">; rel=\"next\"") && link.contains("cursor=\(next)"))
                uri = String(link.dropFirst().prefix { $0 != ">" })
            }
            #expect(pages == 3)
            #expect(received == history)
        }
    }

    @Test func positions_filterByDeviceAndTimeRange() async throws {
        try await APITestServer.run(seed: WriteBatch(positions: Self.history())) { client, _ in
            let reply = try await client.get("/api/positions?device=\(Self.devices[1])&from=1714564803000&to=2024-05-01T12:00:09Z")
            let times = reply.json["positions"]?.arrayValue?.compactMap { $0["fix_time_ms"] }
            #expect(times == [3000, 5000, 7000].map { .int(1_714_564_800_000 + $0) })
        }
    }

    /// The document cannot relate two parameters, so a reversed range is an empty one, not a 400.
    @Test func positionsAndReports_reversedRange_isEmpty() async throws {
        try await APITestServer.run(seed: WriteBatch(positions: Self.history())) { client, _ in
            let page = try await client.get("/api/positions?device=\(Self.devices[1])&from=1714564809000&to=1714564803000")
            #expect(page.status == .ok && page.json["positions"]?.arrayValue?.isEmpty == true)
            let summary = try await client.get("/api/reports/summary?device=\(Self.devices[1])&from=1714564803000&to=1714564803000")
            #expect(summary.status == .ok && summary.json["summary"]?.arrayValue?.first?["positions"] == .int(0))
        }
    }

    @Test(arguments: [
        ("/api/positions?from=tomorrow", "from=tomorrow"),
        ("/api/positions?limit=0", "limit"),
        ("/api/positions?limit=100000", "limit"),
        ("/api/positions?format=kml", "format"),
        ("/api/positions?cursor=bogus", "cursor"),
        ("/api/positions?to=", "to="),
        ("/api/events?kind=enter,", "kind"),
        ("/api/events?kind=teleport", "kind"),
        ("/api/reports/trips?device=a", "from"),
    ])
    func badQuery_isA400WithAClearMessage(uri: String, mention: String) async throws {
        try await APITestServer.run { client, _ in
            try await client.get(uri).expectError(.badRequest, mentioning: mention)
        }
    }

    @Test func exports_haveTheirContentTypes() async throws {
        try await APITestServer.run(seed: WriteBatch(positions: Self.history())) { client, _ in
            let geojson = try await client.get("/api/positions?format=geojson&limit=5")
            #expect(geojson.headers[.contentType]?.hasPrefix("application/geo+json") == true)
            #expect(geojson.json["features"]?.arrayValue?.count == 7)
            let gpx = try await client.get("/api/positions?format=gpx")
            #expect(gpx.headers[.contentType]?.hasPrefix("application/gpx+xml") == true && gpx.text.contains("<gpx version=\"1.1\""))
            let csv = try await client.get("/api/positions?format=csv&device=\(Self.devices[0])")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.split(separator: "\r\n").count == 14)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"positions.csv\"")
        }
    }

    @Test func latest_isTheNewestFixPerDevice() async throws {
        try await APITestServer.run(seed: WriteBatch(positions: Self.history())) { client, _ in
            let all = try await client.get("/api/positions/latest").json["positions"]?.arrayValue ?? []
            #expect(Set(all.compactMap { $0["fix_time_ms"]?.number }) == [1_714_564_823_000, 1_714_564_824_000])
            let one = try await client.get("/api/positions/latest?device=\(Self.devices[1])").json["positions"]?.arrayValue
            #expect(one?.compactMap(PositionJSON.parse) == [Self.history()[23]])
        }
    }

    @Test func events_filterByKind() async throws {
        let events = [EventKind.geofenceEnter, .alarm, .geofenceExit].enumerated().map { index, kind in
            Event.with {
                $0.id = "e\(index)"
                $0.deviceID = Self.devices[0]
                $0.kind = kind
                $0.timeMs = 1_714_564_800_000 + Int64(index)
                $0.geofenceID = kind == .alarm ? "" : "depot"
                $0.source = "geofence"
            }
        }
        try await APITestServer.run(seed: WriteBatch(positions: [Self.history()[0]], events: events)) { client, _ in
            let reply = try await client.get("/api/events?kind=enter,exit&device=\(Self.devices[0])")
            let listed = reply.json["events"]?.arrayValue ?? []
            #expect(listed.map { $0["id"] } == ["e0", "e2"] && listed.map { $0["kind"] } == ["enter", "exit"])
            #expect(listed.first?["geofence_id"] == "depot" && listed.first?["time"] == "2024-05-01T12:00:00.000Z")
        }
    }
}
