import Foundation
import HTTPTypes
import Hummingbird
import TrackwireProtocol

/// One API endpoint: method, path template (`{id}` captures, the same form OpenAPI uses) and its
/// handler. The route table registers these and nothing else under `/api`.
struct APIRoute: Sendable {
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response

    var method: HTTPRequest.Method
    var path: String
    var handler: Handler

    init(_ method: HTTPRequest.Method, _ path: String, _ handler: @escaping Handler) {
        self.method = method
        self.path = path
        self.handler = handler
    }
}

extension Router<BasicRequestContext> {
    /// Registers `route` on this router.
    func add(_ route: APIRoute) {
        on(RouterPath(route.path), method: route.method, use: route.handler)
    }
}

extension Request {
    /// A path capture, percent-decoded.
    func pathParameter(_ name: String, context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    /// The body parsed as JSON, at most `limit` bytes.
    func jsonBody(limit: Int = 4 << 20) async throws -> JSONValue {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw APIError(status: .contentTooLarge, message: "the body is larger than \(limit) bytes")
        }
        do {
            return try JSONValue.parse(buffer.readableBytesView)
        } catch {
            throw APIError.badRequest("the body is \(error)")
        }
    }
}
