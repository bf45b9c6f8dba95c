import Foundation

/// The opaque `cursor` of position pages: base64url of `v1:<fixTimeMs>:<deviceID>`. Clients pass
/// back what `next_cursor` gave them; the format may change between versions.
enum PositionCursorCodec {
    static func encode(_ cursor: PositionCursor) -> String {
        Data("v1:\(cursor.fixTimeMs):\(cursor.deviceID)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The cursor, or a 400 when the text is not one this API issued.
    static func decode(_ text: String) throws -> PositionCursor {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let plain = String(data: data, encoding: .utf8) else {
            throw invalid
        }
        let parts = plain.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let fixTime = Int64(parts[1]), !parts[2].isEmpty else {
            throw invalid
        }
        return PositionCursor(fixTimeMs: fixTime, deviceID: String(parts[2]))
    }

    private static var invalid: APIError {
        APIError.badRequest("cursor is not valid: pass back the next_cursor of a previous page unchanged")
    }
}
