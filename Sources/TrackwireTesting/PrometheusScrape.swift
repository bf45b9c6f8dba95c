/// One scrape of a process's `/metrics` (Prometheus text).
public struct PrometheusScrape: Sendable {
    /// The metrics text (empty when nothing answered).
    public let text: String

    /// `GET /metrics` on 127.0.0.1:`port`.
    public init(port: Int) {
        text = LocalHTTP.get(port: port, "/metrics")?.body ?? ""
    }

    /// Parses metrics text read some other way.
    public init(text: String) { self.text = text }

    /// The sum of `name`'s samples whose labels contain every one of `fragments`.
    public func sum(_ name: String, _ fragments: String...) -> Double {
        sum(name, fragments)
    }

    /// The sum of `name`'s samples whose labels contain every one of `fragments`.
    public func sum(_ name: String, _ fragments: [String]) -> Double {
        text.split(separator: "\n")
            .filter { $0.hasPrefix(name + "{") && fragments.allSatisfy($0.contains) }
            .compactMap { $0.split(separator: " ").last.flatMap { Double($0) } }
            .reduce(0, +)
    }
}
