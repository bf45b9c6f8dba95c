import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TrackwireProtocol

/// `GET /api/...` on push, forwarded to the storage API (`--api`): the live map reads fences,
/// history and events from push's own origin, so the browser needs no CORS and never needs to
/// reach storage, which may stay on a private address. Read-only, a few routes, bounded; push
/// sends its own `--api-token` (the browser's token, if any, is for push). docs/push.md.
struct StorageProxy: Sendable {
    /// `http://127.0.0.1:8082`, without a trailing slash; empty when push has no `--api`.
    let base: String
    let token: String
    let client: HTTPClient

    /// The storage routes the map reads.
    static let forwarded = ["/api/geofences", "/api/positions", "/api/events", "/api/devices"]
    /// Largest answer passed on (a page of 10 000 positions is about 5 MB).
    static let maximumBytes = 64 << 20
    static let timeout = TimeAmount.seconds(30)

    /// Storage's answer to the same path and query, or a JSON error in storage's own form.
    func forward(_ request: Request) async -> Response {
        let path = request.uri.path
        guard !base.isEmpty else {
            return Self.error(.notFound, "tw-push was started without --api, so it has no storage API to ask for \(path)")
        }
        guard Self.forwarded.contains(where: { path == $0 || path.hasPrefix($0 + "/") }), !path.contains("..") else {
            return Self.error(.notFound, "push forwards only GET \(Self.forwarded.joined(separator: ", ")) to the storage API")
        }
        var outgoing = HTTPClientRequest(url: base + path + (request.uri.query.map { "?" + $0 } ?? ""))
        if !token.isEmpty { outgoing.headers.add(name: "Authorization", value: "Bearer \(token)") }
        do {
            let answer = try await client.execute(outgoing, timeout: Self.timeout)
            let body = try await answer.body.collect(upTo: Self.maximumBytes)
            var headers: HTTPFields = [:]
            headers[.contentType] = answer.headers.first(name: "Content-Type") ?? "application/json"
            if let link = answer.headers.first(name: "Link") { headers[HTTPField.Name("Link")!] = link }
            return Response(status: .init(code: Int(answer.status.code)), headers: headers, body: .init(byteBuffer: body))
        } catch {
            return Self.error(.badGateway, "the storage API at \(base) did not answer: \(error)")
        }
    }

    /// `{"error":{"status":…,"message":…}}`, as the storage API writes its errors.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body = JSONValue.object(["error": .object(["status": .int(Int64(status.code)), "message": .string(message)])]).text
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
