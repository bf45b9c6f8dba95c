import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import TrackwireProtocol
@testable import Storage

/// Runs the API on a live HTTP server (Hummingbird's `.live` testing: a real listening socket and
/// an HTTP client) over a real backend in a temporary directory.
struct APITestServer {
    let store: any StoreBackend
    let outlet = RecordingOutlet()

    /// Serves the API for the duration of `body`.
    static func run<Value: Sendable>(
        token: String? = nil,
        seed: WriteBatch = WriteBatch(),
        _ body: @Sendable (APIClient, APITestServer) async throws -> Value
    ) async throws -> Value {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tw-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await TestBackend.make(in: directory)
        if !seed.isEmpty { _ = try await store.write(seed) }
        let server = APITestServer(store: store)
        let router = Router()
        router.get("/healthz") { _, _ in "ok" }
        StorageAPI.addRoutes(to: router, store: store, outlet: server.outlet, configuration: APIConfiguration(token: token))
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        do {
            let value = try await app.test(.live) { client in try await body(APIClient(client: client), server) }
            try await store.close()
            return value
        } catch {
            try? await store.close()
            throw error
        }
    }
}

/// A response with its body parsed as JSON where it is JSON.
struct APIReply: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var text: String

    var json: JSONValue { (try? JSONValue.parse(Array(text.utf8))) ?? .null }

    /// The `{"error": {"status", "message"}}` message, after checking the shape and status.
    func errorMessage(_ expected: HTTPResponse.Status, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        #expect(status == expected, "\(text)", sourceLocation: sourceLocation)
        #expect(headers[.contentType]?.hasPrefix("application/json") == true, sourceLocation: sourceLocation)
        #expect(json["error"]?["status"] == .int(Int64(expected.code)), "\(text)", sourceLocation: sourceLocation)
        return json["error"]?["message"]?.stringValue ?? ""
    }

    /// Checks the error shape and status, and that the message mentions `text`.
    func expectError(_ expected: HTTPResponse.Status, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let message = errorMessage(expected, sourceLocation: sourceLocation)
        #expect(message.contains(text), "\(message)", sourceLocation: sourceLocation)
    }
}

/// The test's HTTP client.
struct APIClient: Sendable {
    let client: any TestClientProtocol
    var token: String?

    init(client: any TestClientProtocol, token: String? = nil) {
        self.client = client
        self.token = token
    }

    func get(_ uri: String) async throws -> APIReply { try await send(.get, uri) }

    func send(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, headers: HTTPFields = [:]) async throws -> APIReply {
        var headers = headers
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return APIReply(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    func authorized(_ token: String) -> APIClient { APIClient(client: client, token: token) }
}
