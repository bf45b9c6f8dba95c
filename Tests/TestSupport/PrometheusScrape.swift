import Foundation

/// One scrape of a process's `/metrics` (Prometheus text), read over a plain TCP connection.
public struct PrometheusScrape: Sendable {
    /// The HTTP response, headers included (sample lines are found by their names).
    public let text: String

    /// `GET /metrics` on 127.0.0.1:`port`; empty when nothing answers.
    public init(port: Int) {
        guard let client = try? DeviceClient(port: port) else {
            text = ""
            return
        }
        client.send(Array("GET /metrics HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n".utf8))
        text = String(decoding: client.receiveAll(), as: UTF8.self)
    }

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
