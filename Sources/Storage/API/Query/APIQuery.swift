import Foundation
import Hummingbird
import HummingbirdCore
import TrackwireProtocol

/// A request's query string, read with the API's rules: lists are comma-separated or repeated,
/// times are ISO 8601 or unix ms, and anything malformed is a 400 naming the parameter.
struct APIQuery: Sendable {
    private let parameters: [(name: String, value: String)]

    /// Read as HTML forms and `URLSearchParams` write it (`application/x-www-form-urlencoded`):
    /// `+` is a space, then percent-decoding (a value that does not decode is kept as sent).
    init(_ uri: URI) {
        parameters = (uri.query ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (name: Self.decode(parts[0]), value: parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    init(_ parameters: [(String, String)]) {
        self.parameters = parameters.map { (name: $0.0, value: $0.1) }
    }

    /// The last value of `name`, empty or not: `name=` is a value, which typed readers
    /// (`integer`, `time`, a cursor, a format) refuse with a 400, as the document's schemas do.
    func string(_ name: String) -> String? {
        parameters.last { $0.name == name }?.value
    }

    /// Every value of `name`, split at commas, spaces and tabs trimmed, empty ones dropped. (Only
    /// those two: the document's `ReportDevices` pattern, `[^,\t ]`, says which lists hold an id.)
    func list(_ name: String) -> [String] {
        parameters.filter { $0.name == name }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: Self.blanks) }
            .filter { !$0.isEmpty }
    }

    private static let blanks = CharacterSet(charactersIn: " \t")

    /// A time bound (`TimeFormat.parseMs`: unix ms or an RFC 3339 date-time); `nil` when absent,
    /// a 400 when present but empty or malformed.
    func time(_ name: String) throws -> Int64? {
        guard let text = string(name) else { return nil }
        guard let ms = TimeFormat.parseMs(text) else {
            throw APIError.badRequest("\(name)=\(text) is not a time: use ISO 8601 (2024-05-01T12:00:00Z) or unix milliseconds")
        }
        return ms
    }

    /// The kinds `eventKinds` reads, as the document's pattern.
    static var eventKindsPattern: String {
        let names = "(" + EventKind.allCases.filter { $0 != .unspecified }.map(\.topicName).joined(separator: "|") + ")"
        return "^(\(names)(,\(names))*)?$"
    }

    /// `from` and `to`. A `from` at or after `to` is an empty range (nothing matches it), not an
    /// error: the two are independent parameters in the document.
    func timeRange() throws -> (from: Int64?, to: Int64?) {
        (try time("from"), try time("to"))
    }

    /// A whole number in `range`, `defaultValue` when absent.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        try integer(name, in: range) ?? defaultValue
    }

    /// A whole number in `range`, `nil` when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("\(name)=\(text) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// A number in `range`, `defaultValue` when absent.
    func number(_ name: String, default defaultValue: Double, in range: ClosedRange<Double>) throws -> Double {
        guard let text = string(name) else { return defaultValue }
        guard let value = Double(text), range.contains(value) else {
            throw APIError.badRequest("\(name)=\(text) must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    /// `limit`, 1...maximum.
    func limit(default defaultValue: Int, maximum: Int) throws -> Int {
        try integer("limit", default: min(defaultValue, maximum), in: 1...maximum)
    }

    /// Event kinds by their topic names: each `kind` value is empty (no filter) or names joined by
    /// single commas, exactly (the document's `EventKinds` pattern).
    func eventKinds() throws -> [EventKind] {
        try parameters.filter { $0.name == "kind" && !$0.value.isEmpty }
            .flatMap { $0.value.split(separator: ",", omittingEmptySubsequences: false) }.map { name in
            guard let kind = EventKind(topicName: String(name)) else {
                let known = EventKind.allCases.filter { $0 != .unspecified }.map(\.topicName).joined(separator: ", ")
                throw APIError.badRequest("kind: '\(name)' is not an event kind (\(known))")
            }
            return kind
        }
    }

    /// The query with `name` set to `value` (replacing earlier values), percent-encoded, for links.
    func replacing(_ name: String, with value: String) -> String {
        let kept = parameters.filter { $0.name != name } + [(name: name, value: value)]
        return kept.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
    }

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }

    private static let queryAllowed: CharacterSet = {
        var set = CharacterSet.urlQueryAllowed
        set.remove(charactersIn: "&=+,;#")
        return set
    }()
}
