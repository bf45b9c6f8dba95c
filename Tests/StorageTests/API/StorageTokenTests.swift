import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TrackwireTesting

/// Tokens on the real tw-storage: every route of its own OpenAPI document answers a JSON 401
/// without a token or with a wrong one, and something else with one (`Bearer` in any case, from
/// `--api-token` or the token file).
@Suite(.serialized) struct StorageTokenTests {
    @Test func everyDocumentedAPIRoute_is401WithoutAToken_andAnsweredWithOne() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("storage-tokens-\(UUID().uuidString.prefix(8))")
        try "from-file\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let pipeline = try await StoragePipeline(storageArguments: ["--api-token", "s3cret", "--api-tokens", file.path], http: true)
        try await pipeline.startStorage()
        let port = try #require(pipeline.httpPort)
        let authorized = ["Authorization": "Bearer s3cret"]
        let document = try #require(LocalHTTP.get(port: port, "/api/openapi.json"))
        #expect(document.status == 401)
        let spec = try #require(await fetchDocument(port: port, headers: authorized))
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        var checked = 0
        for (template, methods) in paths.sorted(by: { $0.key < $1.key }) {
            let path = template.replacingOccurrences(of: "\\{[^}]+\\}", with: "x", options: .regularExpression)
            for method in methods.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                let verb = method.uppercased()
                let json = ["Content-Type": "application/json"]
                let refused = try #require(LocalHTTP.head(port: port, path, method: verb, headers: json, body: "{}"))
                #expect(refused.status == 401 && refused.headers.lowercased().contains("application/json"), "\(verb) \(path): \(refused.status)")
                let wrong = LocalHTTP.head(port: port, path, method: verb, headers: json.merging(["Authorization": "Bearer nope"]) { $1 }, body: "{}")
                #expect(wrong?.status == 401, "\(verb) \(path) with a wrong token")
                for token in ["Bearer s3cret", "bearer from-file"] {
                    let answered = LocalHTTP.head(port: port, path, method: verb, headers: json.merging(["Authorization": token]) { $1 }, body: "{}")
                    #expect(answered.map { $0.status != 401 && $0.status < 500 } == true, "\(verb) \(path) with \(token): \(answered?.status ?? 0)")
                }
                checked += 1
            }
        }
        #expect(checked >= 10, "the document lists the API's routes (\(checked))")
    }

    private func fetchDocument(port: Int, headers: [String: String]) async -> [String: Any]? {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/openapi.json")!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        guard let (data, _) = try? await URLSession.shared.data(for: request) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
