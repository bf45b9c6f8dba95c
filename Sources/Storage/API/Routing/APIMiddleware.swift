import HTTPTypes
import Hummingbird
import Logging
import Metrics

/// Wraps every request under `/api`: checks the bearer token, turns every error (including
/// "no such route") into the JSON error shape and counts the request by route and status in
/// `trackwire_api_requests_total{stage, method, route, status}`. Other paths pass through.
struct APIMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    var token: String?
    var logger = Logger(label: "trackwire.storage.api")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path == "/api" || path.hasPrefix("/api/") else { return try await next(request, context) }
        let response = await respond(request, context: context, next: next)
        // Hummingbird names the endpoint after routing; its not-found responder calls it "NotFound".
        let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
        Counter(label: "trackwire_api_requests_total", dimensions: [
            ("stage", "storage"), ("method", request.method.rawValue), ("route", route),
            ("status", String(response.status.code)),
        ]).increment()
        return response
    }

    private func respond(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async -> Response {
        do {
            try authorize(request)
            return try await next(request, context)
        } catch let error as APIError {
            return APIResponse.json(error.body, status: error.status, headers: error.headers)
        } catch let error as HTTPError where error.status == .notFound {
            return APIResponse.json(APIError.notFound("no route \(request.method) \(request.uri.path); see /api/openapi.json").body, status: .notFound)
        } catch let error as HTTPError {
            return APIResponse.json(APIError(status: error.status, message: error.body ?? error.status.reasonPhrase).body, status: error.status)
        } catch {
            logger.error("API request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            let failure = APIError(status: .serviceUnavailable, message: "storage could not answer: \(error)")
            return APIResponse.json(failure.body, status: failure.status)
        }
    }

    private func authorize(_ request: Request) throws {
        guard let token else { return }
        let presented = request.headers[.authorization] ?? ""
        guard Self.constantTimeEqual(presented, "Bearer " + token) else {
            var error = APIError(status: .unauthorized, message: "this API needs Authorization: Bearer <token>")
            error.headers[.wwwAuthenticate] = "Bearer"
            throw error
        }
    }

    /// Compares without stopping at the first difference, so timing does not leak the token.
    static func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
