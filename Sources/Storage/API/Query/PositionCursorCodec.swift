/// The opaque `cursor` of position pages: `c3.<fixTimeMs>.<fingerprint>.<deviceID>`, the
/// fingerprint as 16 lower-case hex digits (its bit pattern) and the device id as the lower-case
/// hex of its UTF-8 (`pattern`, which the OpenAPI document publishes: every text it matches is a
/// cursor this API reads). Clients pass back what `next_cursor` gave them; the format may change
/// between versions (the base64url `v1:`/`v2:` cursors of earlier versions are no longer read).
enum PositionCursorCodec {
    static let pattern = "^c3\\.-?[0-9]{1,18}\\.[0-9a-f]{16}\\.([0-9a-f]{2})+$"

    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func encode(_ cursor: PositionCursor) -> String {
        let fingerprint = String(UInt64(bitPattern: cursor.fingerprint), radix: 16)
        let device = cursor.deviceID.utf8.map { String(decoding: [hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 15)]], as: UTF8.self) }
        return "c3.\(cursor.fixTimeMs).\(String(repeating: "0", count: 16 - fingerprint.count))\(fingerprint).\(device.joined())"
    }

    /// The cursor, or a 400 when the text does not match `pattern`.
    static func decode(_ text: String) throws -> PositionCursor {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "c3" else { throw invalid }
        let time = parts[1].hasPrefix("-") ? parts[1].dropFirst() : parts[1]
        guard (1...18).contains(time.utf8.count), time.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let fixTime = Int64(parts[1]),
              let fingerprint = hex(parts[2]), fingerprint.count == 8,
              let device = hex(parts[3]), !device.isEmpty else { throw invalid }
        let bits = fingerprint.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return PositionCursor(fixTimeMs: fixTime, deviceID: String(decoding: device, as: UTF8.self), fingerprint: Int64(bitPattern: bits))
    }

    /// Bytes of lower-case hex with an even number of digits; `nil` otherwise.
    private static func hex(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexDigits.firstIndex(of: digits[index]), let low = hexDigits.firstIndex(of: digits[index + 1]) else { return nil }
            bytes.append(UInt8(high << 4 | low))
        }
        return bytes
    }

    private static var invalid: APIError {
        APIError.badRequest("cursor is not valid: pass back the next_cursor of a previous page unchanged")
    }
}
