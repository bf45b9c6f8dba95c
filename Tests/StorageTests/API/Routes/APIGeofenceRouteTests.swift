import Foundation
import Testing
import TrackwireProtocol
@testable import Storage

/// Geofence CRUD over HTTP: stored in the database and published as `cfg.geofence`.
@Suite(.serialized) struct APIGeofenceRouteTests {
    static let depot = #"""
        {"type":"Feature","id":"depot","geometry":{"type":"Polygon","coordinates":[[[13.28,52.5],[13.32,52.5],[13.32,52.53],[13.28,52.53],[13.28,52.5]]]},
         "properties":{"name":"Depot","speed_limit_kmh":30,"dwell_s":300,"detect":["enter","exit"]}}
        """#

    private func changes(_ outlet: RecordingOutlet) throws -> [GeofenceChange] {
        try outlet.messages.filter { $0.topic == Topic.geofenceConfig && $0.queue == nil }.map { try GeofenceChange(serializedBytes: $0.body) }
    }

    @Test func create_storesPublishesAndAnswers201WithLocation() async throws {
        try await APITestServer.run { client, server in
            let created = try await client.send(.post, "/api/geofences", json: Self.depot)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.location] == "/api/geofences/depot")
            #expect(created.json["id"] == "depot" && created.json["properties"]?["name"] == "Depot")

            let stored = try #require(try await server.store.geofence(id: "depot"))
            #expect(stored.name == "Depot" && stored.speedLimitKmh == 30 && stored.dwellS == 300 && stored.detect == ["enter", "exit"])
            let change = try #require(try changes(server.outlet).first)
            #expect(change.op == .upsert && change.geofence == stored)
            #expect(try JSONValue.parse(Array(change.geofence.geojson.utf8)) == created.json)

            let list = try await client.get("/api/geofences")
            #expect(list.json["type"] == "FeatureCollection" && list.json["features"]?.arrayValue == [created.json])
            try await client.send(.post, "/api/geofences", json: Self.depot).expectError(.conflict, mentioning: "PUT")
        }
    }

    @Test func createWithoutId_generatesOne() async throws {
        try await APITestServer.run { client, server in
            let reply = try await client.send(.post, "/api/geofences", json: #"{"type":"Feature","geometry":{"type":"Point","coordinates":[13.41,52.52]},"properties":{"radius_m":150}}"#)
            let id = try #require(reply.json["id"]?.stringValue)
            #expect(reply.status == .created && reply.headers[.location] == "/api/geofences/\(id)")
            #expect(try await client.get("/api/geofences/\(id)").json["properties"]?["radius_m"] == .int(150))
            #expect(try changes(server.outlet).map(\.geofence.id) == [id])
        }
    }

    @Test func put_createsThenReplaces_andDeletePublishesTheRemoval() async throws {
        try await APITestServer.run { client, server in
            #expect(try await client.send(.put, "/api/geofences/depot", json: Self.depot).status == .created)
            let renamed = Self.depot.replacingOccurrences(of: "\"Depot\"", with: "\"Depot North\"")
            let replaced = try await client.send(.put, "/api/geofences/depot", json: renamed)
            #expect(replaced.status == .ok && replaced.json["properties"]?["name"] == "Depot North")
            #expect(try await server.store.geofence(id: "depot")?.name == "Depot North")

            #expect(try await client.send(.delete, "/api/geofences/depot").status == .noContent)
            #expect(try await server.store.geofence(id: "depot") == nil)
            #expect(try changes(server.outlet).map(\.op) == [.upsert, .upsert, .delete])
            #expect(try changes(server.outlet).last?.geofence.id == "depot")
            _ = try await client.get("/api/geofences/depot").errorMessage(.notFound)
            _ = try await client.send(.delete, "/api/geofences/depot").errorMessage(.notFound)
        }
    }

    @Test func badFeature_is4xxAndNeitherStoredNorPublished() async throws {
        try await APITestServer.run { client, server in
            let short = #"{"type":"Feature","id":"x","geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}}"#
            try await client.send(.post, "/api/geofences", json: short).expectError(.badRequest, mentioning: "at least 4")
            try await client.send(.put, "/api/geofences/x", json: "{not json").expectError(.badRequest, mentioning: "JSON")
            let other = Self.depot.replacingOccurrences(of: "\"id\":\"depot\"", with: "\"id\":\"elsewhere\"")
            try await client.send(.put, "/api/geofences/depot", json: other).expectError(.conflict, mentioning: "differs")
            #expect(try await server.store.geofences().isEmpty)
            #expect(server.outlet.messages.isEmpty)
        }
    }
}
