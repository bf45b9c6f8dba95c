import Foundation
import HTTPTypes
import Hummingbird
import TrackwireProtocol

/// How API handlers build responses: JSON by default, other media types for exports.
enum APIResponse {
    static let jsonContentType = "application/json; charset=utf-8"
    /// RFC 8288 `Link`, for the next page.
    static let link = HTTPField.Name("Link")!
    static let geoJSONContentType = "application/geo+json; charset=utf-8"

    /// A JSON response.
    static func json(
        _ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], contentType: String = jsonContentType
    ) -> Response {
        text(value.text, contentType: contentType, status: status, headers: headers)
    }

    /// A text response with an explicit media type.
    static func text(
        _ text: String, contentType: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// `text` percent-encoded as one path segment (for `Location`).
    static func pathComponent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: pathSegmentAllowed) ?? text
    }

    private static let pathSegmentAllowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))
}
