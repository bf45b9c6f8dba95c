import Foundation
import Testing
import TrackwireProtocol
@testable import Storage

/// Authentication, unknown routes, reports and the OpenAPI document over HTTP.
@Suite(.serialized) struct APIAccessRouteTests {
    @Test func token_isRequiredOnEveryAPIRouteButNotElsewhere() async throws {
        try await APITestServer.run(token: "s3cret") { client, _ in
            let refused = try await client.get("/api/devices")
            #expect(refused.errorMessage(.unauthorized).contains("Bearer"))
            #expect(refused.headers[.wwwAuthenticate] == "Bearer")
            _ = try await client.authorized("wrong").get("/api/devices").errorMessage(.unauthorized)
            #expect(try await client.authorized("s3cret").get("/api/devices").status == .ok)
            #expect(try await client.get("/healthz").status == .ok)
        }
    }

    @Test func unknownRouteUnderAPI_isAJSON404_andAnUnknownMethodOnAKnownRoute_aJSON405() async throws {
        try await APITestServer.run { client, _ in
            try await client.get("/api/nothing/here").expectError(.notFound, mentioning: "/api/nothing/here")
            let patch = try await client.send(.patch, "/api/devices")
            #expect(patch.errorMessage(.methodNotAllowed).contains("GET") && patch.headers[.allow] == "GET", "a known path, another method: 405")
            _ = try await client.send(.trace, "/api/geofences/x").errorMessage(.methodNotAllowed)
            #expect(try await client.get("/elsewhere").status == .notFound)
        }
    }

    @Test func reports_areComputedFromStoredPositions() async throws {
        try await APITestServer.run(seed: WriteBatch(positions: ReportTests.day())) { client, _ in
            let range = "device=d1&from=2024-05-01T11:00:00Z&to=2024-05-01T13:00:00Z"
            let trips = try await client.get("/api/reports/trips?\(range)")
            #expect(trips.json["trips"]?.arrayValue?.count == 1 && trips.json["settings"]?["min_stop_s"] == .double(300))
            #expect(try await client.get("/api/reports/stops?\(range)").json["stops"]?.arrayValue?.count == 2)
            let summary = try await client.get("/api/reports/summary?\(range)&min_stop_s=900").json["summary"]?.arrayValue?.first
            #expect(summary?["device_id"] == "d1" && summary?["stops"] == .int(1))
        }
    }

    @Test func openAPI_isServedAsWritten() async throws {
        try await APITestServer.run { client, _ in
            let reply = try await client.get("/api/openapi.json")
            #expect(reply.status == .ok && reply.json == OpenAPIDocument.document)
        }
    }
}

/// Browsers: a page on another site cannot change anything through the API.
@Suite struct APIBrowserSafetyTests {
    @Test func stateChangingCall_withAFormOrTextBody_is415_andWithAForeignOrigin_is403() async throws {
        try await APITestServer.run { client, _ in
            let fence = #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[11.5,48.1]}}"#
            let text = try await client.send(.post, "/api/commands", headers: [.contentType: "text/plain"])
            #expect(text.errorMessage(.unsupportedMediaType).contains("application/json"))
            let form = try await client.send(.put, "/api/geofences/depot", headers: [.contentType: "application/x-www-form-urlencoded"])
            _ = form.errorMessage(.unsupportedMediaType)
            let foreign = try await client.send(.put, "/api/geofences/depot", json: fence, headers: [.origin: "https://evil.example"])
            #expect(foreign.errorMessage(.forbidden).contains("evil.example"))
            _ = try await client.send(.post, "/api/dead-letters/1/replay", headers: [.origin: "https://evil.example"]).errorMessage(.forbidden)
            #expect(try await client.get("/api/devices").status == .ok, "reads are not affected")
        }
    }
}
