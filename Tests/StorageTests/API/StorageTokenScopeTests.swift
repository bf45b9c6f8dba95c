import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TrackwireTesting

/// Token scopes on the real tw-storage: a token of the tokens file limited to some devices reads
/// only those (lists narrowed to them, any other device a JSON 403), may not change geofences or
/// read dead letters; an unscoped token sees everything; SIGHUP applies an edited scope.
@Suite(.serialized) struct StorageTokenScopeTests {
    @Test func scopedToken_readsOnlyItsDevices_andIsRefusedTheRest() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("storage-scopes-\(UUID().uuidString.prefix(8))")
        try "ops-token\nfleet-a devices=dev0,dev1  # fleet A's dispatcher\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let pipeline = try await StoragePipeline(storageArguments: ["--api-tokens", file.path], http: true)
        let storage = try await pipeline.startStorage()
        let port = try #require(pipeline.httpPort)
        try await pipeline.send(StorageSamples.positions(15, devices: 5))
        #expect(await eventually { (try? pipeline.count("positions")) == 15 })

        let all = try await json(port, "/api/positions/latest", token: "ops-token")
        #expect(Set(try devices(all.body, "positions")) == ["dev0", "dev1", "dev2", "dev3", "dev4"])
        let scoped = try await json(port, "/api/positions/latest", token: "fleet-a")
        #expect(Set(try devices(scoped.body, "positions")) == ["dev0", "dev1"], "the list is narrowed to the token's devices")
        let history = try await json(port, "/api/positions", token: "fleet-a")
        #expect(Set(try devices(history.body, "positions")) == ["dev0", "dev1"])
        let listed = try await json(port, "/api/devices", token: "fleet-a")
        #expect(try (listed.body["devices"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.sorted() == ["dev0", "dev1"])

        for path in ["/api/devices/dev3", "/api/positions?device=dev0,dev3", "/api/events?device=dev3",
                     "/api/reports/summary?device=dev3&from=0&to=1", "/api/dead-letters"] {
            let refused = try await json(port, path, token: "fleet-a")
            #expect(refused.status == 403 && refused.body["error"] != nil, "\(path): \(refused.status) \(refused.body)")
        }
        #expect(try await json(port, "/api/devices/dev1", token: "fleet-a").status == 200)
        let fence = #"{"type":"Feature","id":"f1","properties":{"name":"depot"},"geometry":{"type":"Point","coordinates":[13.4,52.5]},"radius_m":100}"#
        #expect(try await json(port, "/api/geofences", method: "POST", token: "fleet-a", body: fence).status == 403)

        try "ops-token\nfleet-a devices=dev3\n".write(to: file, atomically: true, encoding: .utf8)
        storage.signal(SIGHUP)
        #expect(await eventually { (try? await json(port, "/api/devices/dev3", token: "fleet-a").status) == 200 }, "SIGHUP applies the new scope")
        #expect(try await json(port, "/api/devices/dev1", token: "fleet-a").status == 403)
    }

    private func devices(_ body: [String: Any], _ key: String) throws -> [String] {
        try #require(body[key] as? [[String: Any]]).compactMap { $0["device_id"] as? String ?? $0["device"] as? String }
    }

    private func json(_ port: Int, _ path: String, method: String = "GET", token: String, body: String? = nil) async throws -> (status: Int, body: [String: Any]) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
    }
}
