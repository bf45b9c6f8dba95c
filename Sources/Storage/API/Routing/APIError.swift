import HTTPTypes
import Hummingbird
import TrackwireProtocol

/// A request the API refuses, rendered as `{"error": {"status": 400, "message": "..."}}`.
struct APIError: Error, Sendable, HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String
    var headers: HTTPFields = [:]

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }
    static func conflict(_ message: String) -> APIError { APIError(status: .conflict, message: message) }
    static func unprocessable(_ message: String) -> APIError { APIError(status: .unprocessableContent, message: message) }

    /// The JSON body every API error has.
    var body: JSONValue {
        .object(["error": .object(["status": .int(Int64(status.code)), "message": .string(message)])])
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = APIResponse.json(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }
}
