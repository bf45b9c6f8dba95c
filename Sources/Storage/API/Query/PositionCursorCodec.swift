import Foundation

/// The opaque `cursor` of position pages: base64url of `v2:<fixTimeMs>:<fingerprint>:<deviceID>`
/// (`v1:<fixTimeMs>:<deviceID>`, from before records sharing a fix time were kept apart, is still
/// read). Clients pass back what `next_cursor` gave them; the format may change between versions.
enum PositionCursorCodec {
    static func encode(_ cursor: PositionCursor) -> String {
        Data("v2:\(cursor.fixTimeMs):\(cursor.fingerprint):\(cursor.deviceID)".utf8).base64EncodedString()
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
        if plain.hasPrefix("v1:") {
            let parts = plain.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let fixTime = Int64(parts[1]), !parts[2].isEmpty else { throw invalid }
            return PositionCursor(fixTimeMs: fixTime, deviceID: String(parts[2]))
        }
        let parts = plain.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v2", let fixTime = Int64(parts[1]), let fingerprint = Int64(parts[2]), !parts[3].isEmpty else {
            throw invalid
        }
        return PositionCursor(fixTimeMs: fixTime, deviceID: String(parts[3]), fingerprint: fingerprint)
    }

    private static var invalid: APIError {
        APIError.badRequest("cursor is not valid: pass back the next_cursor of a previous page unchanged")
    }
}
