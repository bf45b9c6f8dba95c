import Foundation
import Hummingbird
import HummingbirdCore
import TrackwireProtocol

/// A request's query string, read with the API's rules: lists are comma-separated or repeated,
/// times are ISO 8601 or unix ms, and anything malformed is a 400 naming the parameter.
struct APIQuery: Sendable {
    private let parameters: [(name: String, value: String)]

    init(_ uri: URI) {
        parameters = uri.queryParameters.map { (String($0.key), String($0.value)) }
    }

    init(_ parameters: [(String, String)]) {
        self.parameters = parameters.map { (name: $0.0, value: $0.1) }
    }

    /// The last non-empty value of `name`.
    func string(_ name: String) -> String? {
        parameters.last { $0.name == name && !$0.value.isEmpty }?.value
    }

    /// Every value of `name`, split at commas, trimmed, empty ones dropped.
    func list(_ name: String) -> [String] {
        parameters.filter { $0.name == name }
            .flatMap { $0.value.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// A time bound (unix ms or ISO 8601).
    func time(_ name: String) throws -> Int64? {
        guard let text = string(name) else { return nil }
        guard let ms = TimeFormat.parseMs(text) else {
            throw APIError.badRequest("\(name)=\(text) is not a time: use ISO 8601 (2024-05-01T12:00:00Z) or unix milliseconds")
        }
        return ms
    }

    /// `from` and `to`, checked to be in order.
    func timeRange() throws -> (from: Int64?, to: Int64?) {
        let from = try time("from"), to = try time("to")
        if let from, let to, from > to {
            throw APIError.badRequest("from (\(from)) is after to (\(to))")
        }
        return (from, to)
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

    /// Event kinds by their topic names.
    func eventKinds() throws -> [EventKind] {
        try list("kind").map { name in
            guard let kind = EventKind(topicName: name) else {
                let known = EventKind.allCases.filter { $0 != .unspecified }.map(\.topicName).joined(separator: ", ")
                throw APIError.badRequest("kind=\(name) is not an event kind (\(known))")
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
