import Foundation

/// What a capture's note says the decoder must do with it, parsed once so every golden test reads
/// the notes the same way.
public struct CaptureExpectation: Sendable {
    /// The assertion the original test made.
    public enum Check: Sendable, Equatable {
        /// Consumed, no position (login, heartbeat, ack-only, unsupported).
        case null
        /// Something non-null (a position or another recognised message).
        case notNull
        /// Exactly one position with sane values.
        case position
        /// A non-empty list of positions; `located` says whether location is sane/checked.
        case positions(located: Bool)
        /// A position whose attributes are not empty (location not checked).
        case attributes
        /// A position carrying this attribute with this value.
        case attribute(key: String, value: AttributeExpectation)
        /// A framer test; `expected` is the frame the splitter must return (`nil`: the input itself;
        /// `noFrame` true: the splitter must return nothing).
        case framer(expected: [UInt8]?, noFrame: Bool)
        /// A server→device command; the payload is what the encoder must produce.
        case downlink(type: String, params: [String: String])
        /// A note this parser does not understand (a failing test should add it here).
        case unknown(String)
    }

    /// An attribute value as the note types it.
    public enum AttributeExpectation: Sendable, Equatable, CustomStringConvertible {
        case string(String), int(Int64), double(Double), bool(Bool)

        public var description: String {
            switch self {
            case .string(let s): "\"\(s)\""
            case .int(let i): "\(i)"
            case .double(let d): "\(d)"
            case .bool(let b): "\(b)"
            }
        }
    }

    public var check: Check
    /// Exact values given with `expected:` (fix time as unix milliseconds, validity, lat, lon).
    public var timeMs: Int64?
    public var valid: Bool?
    public var latitude: Double?
    public var longitude: Double?
    /// The reply Traccar would send, as derived from the bytes (not asserted by Traccar's tests).
    public var derivedReply: [UInt8]?
    /// Decoder (or encoder) options the note names, e.g. `ModelOverride` → `NT20`.
    public var decoderOptions: [String: String]
    /// Flagged in the note as from a disabled or commented-out test.
    public var isFromDisabledTest: Bool

    /// Parses a capture's note.
    public init(note: String) {
        check = Self.parseCheck(note)
        decoderOptions = Self.parseOptions(note)
        derivedReply = Self.firstMatch(#"(?:server reply: reply|Traccar replies) ([0-9a-fA-F]+)"#, in: note).flatMap(Hex.decode)
        isFromDisabledTest = note.contains("@Disabled") || note.contains("COMMENTED OUT")
        if let expected = Self.firstMatch(#"expected: ([^\[]*)"#, in: note) {
            let fields = Self.keyValues(expected)
            timeMs = fields["time"].flatMap(Self.parseTime)
            valid = fields["valid"].map { $0 == "true" }
            latitude = fields["lat"].flatMap(Double.init)
            longitude = fields["lon"].flatMap(Double.init)
        }
    }

    private static func parseCheck(_ note: String) -> Check {
        if note.hasPrefix("frame decoder test") {
            if note.contains("NO frame") { return .framer(expected: nil, noFrame: true) }
            let hex = firstMatch(#"expected extracted frame = hex ([0-9a-fA-F]+)"#, in: note)
            return .framer(expected: hex.flatMap(Hex.decode), noFrame: false)
        }
        if note.hasPrefix("DOWNLINK") {
            let type = firstMatch(#"command type=(\w+)"#, in: note) ?? ""
            var params: [String: String] = [:]
            if let list = firstMatch(#"params: (.*?) \(device uniqueId"#, in: note) {
                params = keyValues(list).mapValues { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            }
            return .downlink(type: type, params: params)
        }
        if let m = firstMatch(#"verifyAttribute (\w+=(?:\\?"[^"\\]*\\?"|\S+)(?: \((?:int|long|double)\))?)"#, in: note) {
            return attributeCheck(m)
        }
        if note.contains("verifyPositions (non-empty list of positions; location NOT") { return .positions(located: false) }
        if note.contains("verifyPositions") { return .positions(located: true) }
        if note.contains("verifyAttributes") { return .attributes }
        if note.contains("verifyPosition") { return .position }
        if note.contains("verifyNotNull") { return .notNull }
        if note.contains("verifyNull") { return .null }
        return .unknown(note)
    }

    private static func attributeCheck(_ text: String) -> Check {
        let eq = text.firstIndex(of: "=")!
        let key = String(text[..<eq])
        var raw = String(text[text.index(after: eq)...]).replacingOccurrences(of: "\\\"", with: "\"")
        if raw.hasPrefix("\"") {
            raw = String(raw.dropFirst())
            return .attribute(key: key, value: .string(String(raw.prefix { $0 != "\"" })))
        }
        let parts = raw.split(separator: " ")
        let literal = String(parts[0])
        let type = parts.count > 1 ? parts[1] : ""
        if literal == "true" || literal == "false" { return .attribute(key: key, value: .bool(literal == "true")) }
        if type == "(double)" { return .attribute(key: key, value: .double(Double(literal) ?? .nan)) }
        if let i = Int64(literal) { return .attribute(key: key, value: .int(i)) }
        if let d = Double(literal) { return .attribute(key: key, value: .double(d)) }
        return .attribute(key: key, value: .string(literal))
    }

    private static func parseOptions(_ note: String) -> [String: String] {
        guard let list = firstMatch(#"\[(?:decoder|encoder) config: ([^\]]*)\]"#, in: note) else { return [:] }
        return keyValues(list).mapValues { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
    }

    /// `a=1, b="x", c=2` → dictionary (values may contain spaces; commas separate).
    private static func keyValues(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            out[pair[0].trimmingCharacters(in: .whitespaces)] = pair[1].trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    private static func parseTime(_ text: String) -> Int64? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        let cleaned = text.replacingOccurrences(of: " UTC", with: "")
        return formatter.date(from: cleaned).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    private static func firstMatch(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators]),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              match.numberOfRanges > 1, let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}

extension Capture {
    /// The parsed expectation of this capture's note.
    public var expectation: CaptureExpectation { CaptureExpectation(note: note) }
}
