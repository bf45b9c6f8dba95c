/// Durations in configuration: `500ms`, `30s`, `5m`, `2h`, `90d`, or a bare number of seconds.
public struct ConfigDuration: Sendable, Equatable, CustomStringConvertible {
    /// The duration in milliseconds.
    public let milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Parses `500ms`, `30s`, `5m`, `2h`, `7d` or plain seconds; `nil` if malformed or negative.
    public init?(_ text: String) {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count)
            // "ms" also ends with "s": only accept a pure number before the suffix.
            guard let value = Double(number), value >= 0, value.isFinite else { continue }
            self.milliseconds = Int64(value * Double(factor))
            return
        }
        guard let seconds = Double(text), seconds >= 0, seconds.isFinite else { return nil }
        self.milliseconds = Int64(seconds * 1000)
    }

    /// Parses the value of `flag` (e.g. `--drain-timeout`); a malformed one is a configuration
    /// error naming the flag, the text and an `example` of what it takes.
    public init(_ text: String, flag: String, example: String) throws {
        guard let parsed = ConfigDuration(text) else {
            throw ConfigurationError("\(flag) '\(text)' is not a duration like \(example)")
        }
        self = parsed
    }

    /// As a Swift `Duration`.
    public var duration: Duration { .milliseconds(milliseconds) }
    /// In seconds.
    public var seconds: Double { Double(milliseconds) / 1000 }

    public var description: String {
        if milliseconds % 86_400_000 == 0 && milliseconds > 0 { return "\(milliseconds / 86_400_000)d" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        return "\(milliseconds)ms"
    }
}
