import HTTPTypes
import Hummingbird
import Logging
import Metrics
import TrackwireRuntime

/// Wraps every request under `/api`: checks the bearer token, turns every error (including
/// "no such route") into the JSON error shape and counts the request by route and status in
/// `trackwire_api_requests_total{stage, method, route, status}`. Other paths pass through.
struct APIMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    var tokens: APITokens
    /// Origins (`scheme://host[:port]`) whose pages may make state-changing calls.
    var allowedOrigins: Set<String> = []
    /// The API's routes (method, path template), to tell an unknown path (404) from a known path
    /// with a method it does not take (405).
    var routes: [(method: HTTPRequest.Method, path: String)] = []
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
            let scope = try authorize(request)
            try checkBrowserSafety(request)
            return try await APIScope.$current.withValue(scope) { try await next(request, context) }
        } catch let error as APIError {
            return APIResponse.json(error.body, status: error.status, headers: error.headers)
        } catch let error as HTTPError where error.status == .notFound && !allowedMethods(request.uri.path).isEmpty {
            let allowed = allowedMethods(request.uri.path)
            let refusal = APIError(status: .methodNotAllowed, message: "\(request.method) is not allowed on \(request.uri.path); it takes \(allowed.joined(separator: ", "))")
            var headers = HTTPFields()
            headers[.allow] = allowed.joined(separator: ", ")
            return APIResponse.json(refusal.body, status: refusal.status, headers: headers)
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

    /// A state-changing call's body, if it says what it is, must be JSON (so no HTML form or CORS
    /// "simple" request can make one), and a call a browser sends must come from a listed origin
    /// (browsers send `Origin` on every cross-origin POST, PUT and DELETE).
    private func checkBrowserSafety(_ request: Request) throws {
        guard ![.get, .head, .options].contains(request.method) else { return }
        if [.post, .put, .patch].contains(request.method) {
            let type = (request.headers[.contentType] ?? "").split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard type.isEmpty || type == "application/json" || type.hasSuffix("+json") else {
                throw APIError(status: .unsupportedMediaType, message: "\(request.method) needs Content-Type: application/json (got '\(type)')")
            }
        }
        if let origin = request.headers[.origin], !allowedOrigins.contains(origin) {
            throw APIError(status: .forbidden, message: "Origin \(origin) may not change anything here (tw-storage --allowed-origins)")
        }
    }

    /// The methods of the routes whose template matches `path` (`{x}` matches one segment).
    private func allowedMethods(_ path: String) -> [String] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let methods = routes.filter { route in
            let template = route.path.split(separator: "/", omittingEmptySubsequences: false)
            return template.count == segments.count && zip(template, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }.map(\.method.rawValue)
        return Array(Set(methods)).sorted()
    }

    /// The scope the request's token grants; 401 without a valid one.
    private func authorize(_ request: Request) throws -> TokenScope {
        switch tokens.check(authorization: request.headers[.authorization]) {
        case .open: return .everything
        case .granted(let scope): return scope
        case .missing, .wrong:
            var error = APIError(status: .unauthorized, message: "this API needs Authorization: Bearer <token>")
            error.headers[.wwwAuthenticate] = "Bearer"
            throw error
        }
    }
}
